package io.trainbus.ingestion.idx;

/**
 * The two kinds of IDX file of an MNIST-style dataset. An IDX header is big-endian: the magic number
 * {@code 0x00 0x00 <type> <dimensions>} with type 0x08 for unsigned bytes, then one 32-bit size per dimension.
 */
public enum IdxType {

    /** Images: magic 0x00000803, sizes count x rows x columns, one unsigned byte per pixel. */
    IMAGES(0x00000803, 3, "images"),
    /** Labels: magic 0x00000801, size count, one unsigned byte per label. */
    LABELS(0x00000801, 1, "labels");

    private final int magic;
    private final int dimensions;
    private final String noun;

    IdxType(int magic, int dimensions, String noun) {
        this.magic = magic;
        this.dimensions = dimensions;
        this.noun = noun;
    }

    /** @return the big-endian magic number */
    public int magic() {
        return magic;
    }

    /** @return the number of 32-bit sizes after the magic number */
    public int dimensions() {
        return dimensions;
    }

    /** @return size in bytes of the header: the magic number and the sizes */
    public int headerBytes() {
        return 4 + 4 * dimensions;
    }

    /** @return "images" or "labels", for messages */
    public String noun() {
        return noun;
    }

    /** @return the type whose magic number this is, or null */
    static IdxType ofMagic(int magic) {
        for (IdxType type : values()) {
            if (type.magic == magic) {
                return type;
            }
        }
        return null;
    }
}
