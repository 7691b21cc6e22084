/**
 * The fast CPU backend ({@link io.hogwild.kernels.cpu.CpuBackend}).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@code CpuPool}: persistent daemon threads "hogwild-cpu-N" plus the caller share an index range in
 *       chunks claimed from an atomic counter; a reusable task object is published through a volatile
 *       generation counter, idle threads spin ~200 µs and then park. About 0.3 µs per empty op on two
 *       cores when quiet. Ops with little work stay on the caller.</li>
 *   <li>{@code CpuWeights}: weights repacked at load: F32 as floats, F16/BF16 as raw shorts (widened in
 *       registers), quantized types in groups of four rows interleaved block by block, so that the
 *       four-row kernels read one sequential stream. Q4_K and Q6_K scales (and Q4_K mins) are stored as the
 *       float products the reference forms.</li>
 *   <li>{@code Kernels}: the inner loops, as {@code VectorKernels} (Vector API; with {@code VectorMatmul},
 *       generated register-tiled matmul kernels, and {@code VectorAttention}, generated attention tiles) or
 *       {@code JavaKernels} (plain loops). Only {@code Kernels.create} names the vector classes, by
 *       reflection, and only when the {@code jdk.incubator.vector} module is in the boot layer.</li>
 *   <li>{@code RopeTables}: cos/sin by position and frequency set, grown lazily, read lock-free.</li>
 *   <li>KV pages: the scalar backend's heap stores, float32 ({@link io.hogwild.kernels.scalar.FloatKvStore})
 *       or IEEE half ({@link io.hogwild.kernels.scalar.HalfKvStore}, an F16 cache: rounded on write, widened
 *       in registers by the attention kernels); keys transposed within a page ([layer][kvHead][dim][slot]),
 *       values [layer][kvHead][slot][dim].</li>
 *   <li>Attention: per (token, KV head), the query heads of the group are rotated once per fragment, then
 *       the fragment's visible keys go by in chunks of up to four vectors of keys within one page: scores
 *       for all the group's heads lane-parallel (one key per lane, one fused multiply-add per dimension),
 *       an online softmax on whole vectors, then the weighted values, each value vector loaded once for
 *       several heads.</li>
 *   <li>{@link io.hogwild.kernels.cpu.MachineLimits} and {@link io.hogwild.kernels.cpu.KernelBench}: the
 *       machine's read bandwidth and FMA peak, and matmul/attention speeds against them.</li>
 * </ul>
 *
 * <h2>Vector API rules learnt the hard way</h2>
 * <ul>
 *   <li>Only typed-array loads and stores, one preferred shape (8 or 16 float lanes) per kernel, conversions
 *       with an explicit target species ({@code convertShape(op, F, 0)}, {@code reinterpretShape(F, 0)}):
 *       the species-computing forms ({@code convert(op, 0)}, {@code reinterpretAsFloats()}) and a second,
 *       smaller float shape in the same kernel were not intrinsified by JDK 17 in a mixed workload.</li>
 *   <li>No {@code reduceLanes(ADD)}: its order differs between the interpreter and C2; sums go through an
 *       array in a fixed order ({@code lanes}). A max may use {@code reduceLanes(MAX)}: it is exact in any
 *       order.</li>
 *   <li>No helper methods of ours that take or return vectors, and no kernel bodies too large: if C2 does
 *       not inline a Vector API call (inlining budget, depth), the vectors are boxed and the kernel runs
 *       10 to 100 times slower and allocates. The allocation test catches this on JDK 21+; on JDK 17 it
 *       still happens now and then for the larger quantized kernels (see {@code VectorMatmul.WIDE}).</li>
 *   <li>Each op gets its own task class, so that one compilation unit never inlines many kernels.</li>
 * </ul>
 */
package io.hogwild.kernels.cpu;
