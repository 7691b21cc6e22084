package io.hogwild.engine.gguf;

/** The 13 metadata value types of GGUF, with their on-disk ids. */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4),
    BOOL(7, 1), STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    public final int id;
    /** Encoded size in bytes, or -1 for the variable-sized STRING and ARRAY. */
    public final int size;

    GgufValueType(int id, int size) {
        this.id = id;
        this.size = size;
    }

    /**
     * The fewest bytes one value of this type can take on disk: a string is at least its 8-byte length,
     * an array at least its 4-byte element type and 8-byte count. Used to reject hostile counts before
     * allocating anything.
     */
    int minSize() {
        switch (this) {
            case STRING: return 8;
            case ARRAY: return 12;
            default: return size;
        }
    }

    boolean isInteger() {
        switch (this) {
            case UINT8: case INT8: case UINT16: case INT16: case UINT32: case INT32: case UINT64: case INT64:
                return true;
            default:
                return false;
        }
    }

    /** The type with this id, or null when the id is unknown. */
    static GgufValueType fromId(long id) {
        for (GgufValueType t : values()) {
            if (t.id == id) return t;
        }
        return null;
    }
}
