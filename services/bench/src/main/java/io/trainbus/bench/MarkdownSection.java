package io.trainbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces the text between two marker lines of a file, keeping everything around them. */
final class MarkdownSection {

    private MarkdownSection() {
    }

    /**
     * Writes {@code section} between {@code begin} and {@code end}; appends both markers with the section when the
     * file lacks them, and creates the file when it is missing.
     */
    static void replace(Path file, String begin, String end, String section) throws IOException {
        String text = Files.isRegularFile(file) ? Files.readString(file) : "";
        Files.writeString(file, replaceIn(text, begin, end, section));
    }

    static String replaceIn(String text, String begin, String end, String section) {
        String block = begin + "\n" + section.strip() + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + block + "\n";
        }
        return text.substring(0, from) + block + text.substring(to + end.length());
    }
}
