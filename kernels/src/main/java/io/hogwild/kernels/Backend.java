package io.hogwild.kernels;

import io.hogwild.kernels.ggml.GgmlType;

/**
 * The compute ops of a transformer forward pass, on memory the backend owns.
 *
 * <p>Weights, activations and KV-cache pages live wherever the backend keeps them (Java heap for the CPU
 * backends, device memory for CUDA). The engine only orchestrates: it hands over token ids and small
 * index plans, and reads back final logits with {@link #read}. No op returns a float[].
 *
 * <p>All ops act on the first {@code n} rows of their activation buffers. Unless an op says otherwise,
 * input and output buffers must be distinct.
 */
public interface Backend extends AutoCloseable {

    String name();

    /** Threads the backend computes with. */
    int threads();

    /**
     * Loads a row-major {@code rows × cols} matrix given in its GGUF/GGML byte encoding (little-endian,
     * row after row, {@code cols} a multiple of the type's block size). The backend may repack it; it
     * reads the source once and keeps no reference to it.
     */
    Weights loadWeights(GgmlType type, int rows, int cols, TensorBytes raw);

    /** A float32 vector (norm weights, biases) as a 1 × n weight. */
    Weights loadVector(float[] values);

    Activations allocate(int rows, int cols);

    void write(Activations dst, int row, float[] src, int srcOff);

    void read(Activations src, int row, float[] dst, int dstOff);

    /** out[i] = table[tokens[i]], dequantized. */
    void embed(Weights table, int[] tokens, int n, Activations out);

    /**
     * RMS norm of every group of {@code groupSize} consecutive values of each row, times {@code weight}
     * (length groupSize). groupSize = cols normalizes whole rows; groupSize = headDim normalizes heads.
     * {@code in} and {@code out} may be the same buffer.
     */
    void rmsnorm(Activations in, Activations out, Weights weight, float eps, int n, int groupSize);

    /** out[r][o] = Σ_i w[o][i] · in[r][i] for r &lt; n: one pass over the weights serves all rows. */
    void matmul(Weights w, Activations in, Activations out, int n);

    /** x[r] += bias. */
    void addBias(Activations x, Weights bias, int n);

    /** acc[r] += x[r]. */
    void add(Activations acc, Activations x, int n);

    /** gate[r] = silu(gate[r]) · up[r]. */
    void siluMul(Activations gate, Activations up, int n);

    /** dst[i] = src[rows[i]] for i &lt; n. */
    void gather(Activations src, int[] rows, int n, Activations dst);

    /** Paged K/V memory for {@code layout}, at most {@code budgetBytes} in all. */
    KvStore createKvStore(KvLayout layout, long budgetBytes);

    /**
     * Rotates each new key row at its fragment-local position and stores keys and values in the cache
     * slots named by {@code writes}. k and v hold kvHeads × headDim values per row.
     */
    void storeKv(KvStore store, int layer, Activations k, Activations v, KvWrites writes, Rope rope);

    /**
     * Attention of every row of {@code plan} over its fragments by query rotation: the un-rotated query
     * of a token at absolute position p is rotated to {@code p - start} for each fragment and dotted with
     * the stored local keys; key l is visible iff {@code l <= p - start}; one softmax spans all fragments.
     * q holds nHeads × headDim values per token; out receives the same shape.
     */
    void attention(KvStore store, int layer, Activations q, Activations out, AttentionPlan plan, Rope rope,
                   int nHeads, float scale);

    /**
     * Copies {@code count} tokens' keys and values, every layer, between cache slots, rotating the keys by
     * {@code positionDelta} (keys at local position l in the source end at l + delta in the target).
     * Used to move a finished step into shared history: O(count), never touching the rest of the cache.
     */
    void copyKv(KvStore store, int[] srcPages, int[] srcSlots, int[] dstPages, int[] dstSlots, int count,
                int positionDelta, Rope rope);

    @Override
    void close();
}
