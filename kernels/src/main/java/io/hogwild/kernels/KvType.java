package io.hogwild.kernels;

import java.util.Locale;

/**
 * Element type of the KV cache. {@link #F32} (the default) stores keys and values as float32; {@link #F16}
 * stores IEEE half precision (half the memory and half the bytes attention reads), rounded to nearest even
 * when written (keys after their rotation) and widened to float exactly when read; all arithmetic stays
 * float32. Finite values beyond the half range saturate at ±65504 instead of becoming infinities (an
 * infinite key would turn a whole softmax into NaN).
 */
public enum KvType {
    F32(4),
    F16(2);

    private final int bytes;

    KvType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes of one stored value. */
    public int bytes() {
        return bytes;
    }

    /** The lower-case name used by options: "f32", "f16". */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Names accepted by {@link #parse}. */
    public static String known() {
        return "f32, f16";
    }

    /**
     * The type named {@code name} (case-insensitive, surrounding blanks ignored): "f32" or "f16".
     *
     * @throws IllegalArgumentException naming the accepted values, for anything else (null included)
     */
    public static KvType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (KvType t : values()) {
            if (t.optionName().equals(n)) return t;
        }
        throw new IllegalArgumentException("KV cache type must be one of " + known() + ", got "
                + (name == null ? "null" : "'" + name + "'"));
    }
}
