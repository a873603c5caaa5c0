package io.trainbus.preprocessing.augment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.trainbus.common.tensor.NpyFormat;

/**
 * Augments every row of a float32 .npy features file into a new file with the same shape and row order. The input
 * is memory-mapped and the rows are cut into chunks that the executor's threads augment and write at their own file
 * positions, so the result does not depend on the number of threads. Memory use is one chunk per thread.
 */
public final class EpochAugmenter {

    /** Images per chunk, which is about 6 MB of floats in and out for 32x32x3 images and 1.6 MB for 28x28x1. */
    static final int CHUNK_ROWS = 256;

    private final AffineAugmenter augmenter;
    private final ExecutorService executor;
    /** Each executor thread reuses its buffers, so a 45,000-image epoch allocates no per-chunk garbage. */
    private final ThreadLocal<ChunkBuffers> chunkBuffers;

    /**
     * Creates an epoch augmenter.
     *
     * @param augmenter the per-image transform, sized for the rows of the files it gets
     * @param executor the threads that augment chunks; the caller owns and shuts it down
     */
    public EpochAugmenter(AffineAugmenter augmenter, ExecutorService executor) {
        this.augmenter = augmenter;
        this.executor = executor;
        this.chunkBuffers = ThreadLocal.withInitial(() -> new ChunkBuffers(CHUNK_ROWS * augmenter.imageSize()));
    }

    /**
     * Writes the augmented copy of a features file.
     *
     * @param source float32 .npy of shape [n, imageSize]
     * @param target file to create or replace
     * @param draws the epoch's transforms, drawn per row
     * @return rows written
     * @throws IOException when a file cannot be read or written, or the source has another row size
     * @throws InterruptedException when the calling thread is interrupted while chunks are running
     */
    public long augment(Path source, Path target, TransformDraws draws) throws IOException, InterruptedException {
        long[] shape;
        long dataOffset;
        try (InputStream in = Files.newInputStream(source)) {
            byte[] preamble = in.readNBytes(10);
            dataOffset = 10 + ((preamble[8] & 0xff) | ((preamble[9] & 0xff) << 8));
        }
        try (InputStream in = Files.newInputStream(source)) {
            shape = NpyFormat.readFloat32Header(in);
        }
        int rowSize = augmenter.imageSize();
        if (shape.length != 2 || shape[1] != rowSize) {
            throw new IOException(source + " has shape " + Arrays.toString(shape) + ", but the augmenter "
                    + "needs [n, " + rowSize + "]");
        }
        long rows = shape[0];

        ByteArrayOutputStream header = new ByteArrayOutputStream();
        NpyFormat.writeFloat32Header(header, rows, rowSize);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(header.toByteArray()), 0);
            long outOffset = header.size();
            MappedByteBuffer mapped = in.map(FileChannel.MapMode.READ_ONLY, dataOffset, rows * rowSize * 4L);
            List<Future<?>> chunks = new ArrayList<>();
            for (long first = 0; first < rows; first += CHUNK_ROWS) {
                long start = first;
                int count = (int) Math.min(CHUNK_ROWS, rows - first);
                chunks.add(executor.submit(() -> {
                    augmentChunk(mapped, out, outOffset, start, count, draws);
                    return null;
                }));
            }
            awaitAll(chunks, target);
        }
        return rows;
    }

    private void augmentChunk(MappedByteBuffer mapped, FileChannel out, long outOffset, long first, int count,
            TransformDraws draws) throws IOException {
        int rowSize = augmenter.imageSize();
        ChunkBuffers buffers = chunkBuffers.get();
        float[] source = buffers.source;
        float[] result = buffers.result;
        mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (first * rowSize * 4))
                .asFloatBuffer().get(source, 0, count * rowSize);
        for (int i = 0; i < count; i++) {
            augmenter.apply(source, i * rowSize, result, i * rowSize, draws.draw(first + i));
        }
        ByteBuffer bytes = buffers.bytes;
        bytes.clear();
        bytes.asFloatBuffer().put(result, 0, count * rowSize);
        bytes.limit(count * rowSize * 4);
        long position = outOffset + first * rowSize * 4;
        while (bytes.hasRemaining()) {
            position += out.write(bytes, position);
        }
    }

    private static void awaitAll(List<Future<?>> chunks, Path target) throws IOException, InterruptedException {
        try {
            for (Future<?> chunk : chunks) {
                chunk.get();
            }
        } catch (ExecutionException e) {
            chunks.forEach(chunk -> chunk.cancel(true));
            throw new IOException("Augmenting into " + target + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            chunks.forEach(chunk -> chunk.cancel(true));
            throw e;
        }
    }

    /** Source and result floats of one chunk and the little-endian bytes written to the file. */
    private static final class ChunkBuffers {

        final float[] source;
        final float[] result;
        final ByteBuffer bytes;

        ChunkBuffers(int values) {
            source = new float[values];
            result = new float[values];
            bytes = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
