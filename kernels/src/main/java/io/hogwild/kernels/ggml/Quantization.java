package io.hogwild.kernels.ggml;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Plain scalar conversion between GGML block formats and float32: the reference every fast kernel is
 * checked against, and the quantizer used to write test and demo models.
 */
public final class Quantization {
    private Quantization() {}

    /**
     * Decodes {@code n} values (whole blocks) starting at {@code src}'s position into {@code dst[off..]}.
     * The buffer's position is advanced past the blocks read.
     */
    public static void dequantize(GgmlType type, ByteBuffer src, float[] dst, int off, int n) {
        ByteBuffer b = src.order(ByteOrder.LITTLE_ENDIAN);
        type.bytesFor(n);
        switch (type) {
            case F32:
                for (int i = 0; i < n; i++) dst[off + i] = b.getFloat();
                return;
            case F16:
                for (int i = 0; i < n; i++) dst[off + i] = Float16.toFloat(b.getShort());
                return;
            case BF16:
                for (int i = 0; i < n; i++) dst[off + i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
                return;
            default:
                throw new UnsupportedOperationException("dequantize " + type);
        }
    }

    /** Encodes {@code n} values (whole blocks) of {@code src[off..]} at {@code dst}'s position. */
    public static void quantize(GgmlType type, float[] src, int off, int n, ByteBuffer dst) {
        ByteBuffer b = dst.order(ByteOrder.LITTLE_ENDIAN);
        type.bytesFor(n);
        switch (type) {
            case F32:
                for (int i = 0; i < n; i++) b.putFloat(src[off + i]);
                return;
            case F16:
                for (int i = 0; i < n; i++) b.putShort(Float16.fromFloat(src[off + i]));
                return;
            case BF16:
                for (int i = 0; i < n; i++) b.putShort(Float16.toBf16(src[off + i]));
                return;
            default:
                throw new UnsupportedOperationException("quantize " + type);
        }
    }
}
