package io.trainbus.ingestion.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The files a source of one dataset must provide, and the setting that names its configured source in messages.
 *
 * @param setting configuration property of the dataset's default source, for example
 *        {@code trainbus.ingestion.cifar10.source}
 * @param description what a valid source contains, for messages, for example "the CIFAR-10 binary version"
 * @param files the dataset's file names
 * @param gzipAccepted whether each file may instead be present gzip-compressed under its name plus {@code .gz};
 *        such a source is also accepted as a base URL ending in {@code /} that serves the {@code .gz} files
 * @param archiveFolder the folder inside an archive, or below a local folder, that may contain the files
 */
public record SourceLayout(String setting, String description, List<String> files, boolean gzipAccepted,
        String archiveFolder) {

    /** Suffix of a gzip-compressed file. */
    public static final String GZIP_SUFFIX = ".gz";

    public SourceLayout {
        files = List.copyOf(files);
    }

    /**
     * Lists the names one file may have, the gzip-compressed name first.
     *
     * @param file one of {@link #files}
     * @return the accepted names in order of preference
     */
    public List<String> candidates(String file) {
        return gzipAccepted ? List.of(file + GZIP_SUFFIX, file) : List.of(file);
    }

    /** @return every accepted name of every file */
    public List<String> allNames() {
        return files.stream().flatMap(file -> candidates(file).stream()).toList();
    }

    /** @return the files fetched below a base URL ending in {@code /}, or an empty list when there is no such form */
    public List<String> baseUrlFiles() {
        return gzipAccepted ? files.stream().map(file -> file + GZIP_SUFFIX).toList() : List.of();
    }

    /**
     * Finds one file in a folder.
     *
     * @param folder the folder
     * @param file one of {@link #files}
     * @return the first accepted name that is a regular file in the folder
     */
    public Optional<Path> find(Path folder, String file) {
        return candidates(file).stream().map(folder::resolve).filter(Files::isRegularFile).findFirst();
    }

    /**
     * Lists the files of which no accepted name is present.
     *
     * @param present whether a name is present
     * @return the missing files, written as {@code name[.gz]} when both forms are accepted
     */
    public List<String> missing(Predicate<String> present) {
        List<String> missing = new ArrayList<>();
        for (String file : files) {
            if (candidates(file).stream().noneMatch(present)) {
                missing.add(gzipAccepted ? file + "[" + GZIP_SUFFIX + "]" : file);
            }
        }
        return missing;
    }
}
