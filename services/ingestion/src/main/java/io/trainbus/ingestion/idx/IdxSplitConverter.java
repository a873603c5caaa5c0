package io.trainbus.ingestion.idx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.storage.Digests;

/**
 * Converts the IDX images and labels files of one split into a raw record file in the layout that
 * {@link RecordReader} reads. Each record is one label byte followed by the image's pixels in row-major order.
 * Both files are checked while they are read, so a file that fails any check leaves only a partial target, which
 * the caller discards.
 */
public final class IdxSplitConverter {

    private IdxSplitConverter() {
    }

    /**
     * A converted split.
     *
     * @param file the record file's name, size, SHA-256 and record count
     * @param perClass records per label, index = label
     */
    public record ConvertedSplit(RawManifest.FileEntry file, long[] perClass) {
    }

    /**
     * Converts one split.
     *
     * @param images the IDX images file, raw or {@code .gz}
     * @param labels the IDX labels file of the same split, raw or {@code .gz}
     * @param shape the dataset's image shape, with one channel
     * @param classCount the number of classes. Every label must be below it.
     * @param target the record file to write
     * @param maxBytes maximum size of the record file in bytes, which also bounds how much is decompressed
     * @return the written file's entry and the per-class counts
     * @throws DatasetFormatException when a file is invalid, the two files declare different counts or the record
     *         file would exceed {@code maxBytes}
     * @throws IOException when a file cannot be read or written
     */
    public static ConvertedSplit convert(Path images, Path labels, ImageShape shape, int classCount, Path target,
            long maxBytes) throws IOException {
        if (shape.channels() != 1) {
            throw new IllegalArgumentException("IDX images have one channel, not " + shape.channels());
        }
        MessageDigest digest = Digests.sha256();
        long[] perClass = new long[classCount];
        try (IdxReader imageReader = IdxReader.open(images, IdxType.IMAGES, shape);
                IdxReader labelReader = IdxReader.open(labels, IdxType.LABELS, shape);
                OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(target),
                        1 << 16), digest)) {
            if (imageReader.count() != labelReader.count()) {
                throw new DatasetFormatException(imageReader.name() + " declares " + imageReader.count()
                        + " images, but " + labelReader.name() + " declares " + labelReader.count() + " labels. "
                        + "Use the images and labels files of the same split.");
            }
            long recordFileBytes = imageReader.count() * (1L + imageReader.itemBytes());
            if (recordFileBytes > maxBytes) {
                throw new DatasetFormatException(imageReader.name() + " declares " + imageReader.count() + " images, "
                        + "which convert to " + recordFileBytes + " bytes, more than the limit of " + maxBytes
                        + " bytes (trainbus.ingestion.max-unpacked-bytes). Check the file, or raise the limit.");
            }
            byte[] label = new byte[1];
            byte[] pixels = new byte[imageReader.itemBytes()];
            for (long index = 0; index < imageReader.count(); index++) {
                labelReader.next(label);
                int value = label[0] & 0xff;
                if (value >= classCount) {
                    throw new DatasetFormatException(labelReader.name() + ": label " + value + " of record " + index
                            + " at " + labelReader.positionOf(index) + " is out of range; labels run from 0"
                            + " to " + (classCount - 1) + ". The file is damaged or of another dataset; download it "
                            + "again.");
                }
                imageReader.next(pixels);
                perClass[value]++;
                out.write(label);
                out.write(pixels);
            }
            imageReader.requireEnd();
            labelReader.requireEnd();
        }
        long records = Arrays.stream(perClass).sum();
        RawManifest.FileEntry entry = new RawManifest.FileEntry(target.getFileName().toString(), Files.size(target),
                HexFormat.of().formatHex(digest.digest()), records);
        return new ConvertedSplit(entry, perClass);
    }
}
