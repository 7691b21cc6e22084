package io.hogwild.kernels.ggml;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * Plain scalar conversion between GGML block formats and float32: the reference every fast kernel is
 * checked against, and the quantizer used to write test and demo models.
 *
 * <p>Supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K and Q6_K, in the exact GGUF byte layouts (little-endian).
 * The block formats live in package-private classes ({@link Q8_0Format}, {@link Q4_0Format},
 * {@link Q4KFormat}, {@link Q6KFormat}), each documenting its layout and its quantizer's error bound.
 *
 * <p>Dequantization follows ggml's {@code dequantize_row_*}: the same float operations in the same order
 * (Java float arithmetic is strict, so nothing is fused). Quantization of Q8_0 and Q4_0 follows ggml's
 * {@code quantize_row_*_ref}; Q4_K and Q6_K use a simpler min/max fit (not llama.cpp's iterative search)
 * that guarantees every value lies inside its sub-block's quantization range, so each error is at most
 * half a quantization step. Worst-case absolute error per value, for finite inputs whose block scales fall
 * in the normal float16 range:
 * <ul>
 *   <li>Q8_0: {@code amax/254 + amax/2048} (half a step of amax/127, plus float16 rounding of the scale),
 *       amax the largest magnitude in the block of 32;</li>
 *   <li>Q4_0: {@code (amax/16)(1 + 2^-7)}, except values of the opposite sign to the block's
 *       largest-magnitude value and larger than 15/16 of it, which clamp to 7 steps:
 *       {@code (amax/8)(1 + 2^-8)};</li>
 *   <li>Q4_K: half the sub-block step, about {@code (range/15)/2} with range = max - min(0, min) of the
 *       sub-block of 32 (see {@link Q4KFormat});</li>
 *   <li>Q6_K: half the sub-block step, about {@code (amax/31)/2} with amax of the sub-block of 16
 *       (see {@link Q6KFormat}).</li>
 * </ul>
 *
 * <p>Buffers are read and written at their position, which is advanced past the bytes used; their byte
 * order is neither relied on nor changed.
 */
public final class Quantization {
    private Quantization() {}

    /** Whether {@link #dequantize} and {@link #quantize} handle this type. */
    public static boolean supports(GgmlType type) {
        switch (type) {
            case F32: case F16: case BF16: case Q8_0: case Q4_0: case Q4_K: case Q6_K: return true;
            default: return false;
        }
    }

    /**
     * Decodes {@code n} values (whole blocks) starting at {@code src}'s position into {@code dst[off..]}.
     * The buffer's position is advanced past the blocks read.
     *
     * @throws IllegalArgumentException if {@code n} is negative or not a multiple of the block size
     * @throws UnsupportedOperationException for a type {@link #supports} rejects
     * @throws BufferUnderflowException if fewer than {@code type.bytesFor(n)} bytes remain
     */
    public static void dequantize(GgmlType type, ByteBuffer src, float[] dst, int off, int n) {
        int bytes = checkedBytes(type, n);
        Objects.checkFromIndexSize(off, n, dst.length);
        if (src.remaining() < bytes) throw new BufferUnderflowException();
        ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = src.position();
        int blocks = n / type.blockSize;
        switch (type) {
            case F32:
                for (int i = 0; i < n; i++) dst[off + i] = b.getFloat(p + 4 * i);
                break;
            case F16:
                for (int i = 0; i < n; i++) dst[off + i] = Float16.toFloat(b.getShort(p + 2 * i));
                break;
            case BF16:
                for (int i = 0; i < n; i++) dst[off + i] = Float16.bf16ToFloat(b.getShort(p + 2 * i));
                break;
            case Q8_0:
                for (int k = 0; k < blocks; k++) {
                    Q8_0Format.dequantizeBlock(b, p + k * Q8_0Format.BLOCK_BYTES, dst, off + k * Q8_0Format.QK);
                }
                break;
            case Q4_0:
                for (int k = 0; k < blocks; k++) {
                    Q4_0Format.dequantizeBlock(b, p + k * Q4_0Format.BLOCK_BYTES, dst, off + k * Q4_0Format.QK);
                }
                break;
            case Q4_K:
                for (int k = 0; k < blocks; k++) {
                    Q4KFormat.dequantizeBlock(b, p + k * Q4KFormat.BLOCK_BYTES, dst, off + k * Q4KFormat.QK);
                }
                break;
            case Q6_K:
                for (int k = 0; k < blocks; k++) {
                    Q6KFormat.dequantizeBlock(b, p + k * Q6KFormat.BLOCK_BYTES, dst, off + k * Q6KFormat.QK);
                }
                break;
            default:
                throw new AssertionError(type); // excluded by checkedBytes
        }
        src.position(p + bytes);
    }

    /**
     * Decodes {@code n} values (whole blocks) starting at {@code src}'s position into a new array, advancing
     * the position past the blocks read. Same exceptions as the five-argument form.
     */
    public static float[] dequantize(GgmlType type, ByteBuffer src, int n) {
        checkedBytes(type, n);
        float[] out = new float[n];
        dequantize(type, src, out, 0, n);
        return out;
    }

    /**
     * Encodes {@code n} values (whole blocks) of {@code src[off..]} at {@code dst}'s position, advancing the
     * position past the blocks written. Inputs must be finite; block scales are float16, so values beyond
     * the float16 range times the format's largest multiplier overflow, as in ggml.
     *
     * @throws IllegalArgumentException if {@code n} is negative or not a multiple of the block size
     * @throws UnsupportedOperationException for a type {@link #supports} rejects
     * @throws BufferOverflowException if fewer than {@code type.bytesFor(n)} bytes remain
     */
    public static void quantize(GgmlType type, float[] src, int off, int n, ByteBuffer dst) {
        int bytes = checkedBytes(type, n);
        Objects.checkFromIndexSize(off, n, src.length);
        if (dst.isReadOnly()) throw new ReadOnlyBufferException();
        if (dst.remaining() < bytes) throw new BufferOverflowException();
        ByteBuffer b = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = dst.position();
        int blocks = n / type.blockSize;
        switch (type) {
            case F32:
                for (int i = 0; i < n; i++) b.putFloat(p + 4 * i, src[off + i]);
                break;
            case F16:
                for (int i = 0; i < n; i++) b.putShort(p + 2 * i, Float16.fromFloat(src[off + i]));
                break;
            case BF16:
                for (int i = 0; i < n; i++) b.putShort(p + 2 * i, Float16.toBf16(src[off + i]));
                break;
            case Q8_0:
                for (int k = 0; k < blocks; k++) {
                    Q8_0Format.quantizeBlock(src, off + k * Q8_0Format.QK, b, p + k * Q8_0Format.BLOCK_BYTES);
                }
                break;
            case Q4_0:
                for (int k = 0; k < blocks; k++) {
                    Q4_0Format.quantizeBlock(src, off + k * Q4_0Format.QK, b, p + k * Q4_0Format.BLOCK_BYTES);
                }
                break;
            case Q4_K:
                for (int k = 0; k < blocks; k++) {
                    Q4KFormat.quantizeBlock(src, off + k * Q4KFormat.QK, b, p + k * Q4KFormat.BLOCK_BYTES);
                }
                break;
            case Q6_K:
                for (int k = 0; k < blocks; k++) {
                    Q6KFormat.quantizeBlock(src, off + k * Q6KFormat.QK, b, p + k * Q6KFormat.BLOCK_BYTES);
                }
                break;
            default:
                throw new AssertionError(type); // excluded by checkedBytes
        }
        dst.position(p + bytes);
    }

    /**
     * Encodes all of {@code src} (whole blocks) into a new little-endian heap buffer of exactly
     * {@code type.bytesFor(src.length)} bytes, positioned at 0.
     */
    public static ByteBuffer quantize(GgmlType type, float[] src) {
        int bytes = checkedBytes(type, src.length);
        ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        quantize(type, src, 0, src.length, out);
        out.position(0);
        return out;
    }

    /** Validates the type, then the count (whole blocks only), and returns the byte size. */
    private static int checkedBytes(GgmlType type, int n) {
        if (!supports(type)) throw new UnsupportedOperationException("no scalar conversion for " + type);
        return Math.toIntExact(type.bytesFor(n)); // IllegalArgumentException for n < 0 or a partial block
    }
}
