package io.hogwild.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvType;
import io.hogwild.kernels.Backends;
import io.hogwild.kernels.ggml.GgmlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN 2.1: the same tokens split into fragments, appended in any chunking and batched with unrelated
 * rows, give the last-position logits of one plain causal pass over the flattened tokens.
 */
class FragmentInvariantTest {
    static final int TOKENS = 37;

    /**
     * Every architecture on the scalar reference and on the fast CPU backend with 2 threads, with a float32
     * and with a half (F16) KV cache.
     */
    static Stream<Arguments> cases() {
        return Stream.of(Architecture.values()).flatMap(a -> Stream.of("scalar", "cpu")
                .flatMap(b -> Stream.of(KvType.values()).map(kv -> Arguments.of(a, b, kv))));
    }

    static Backend backend(String name) {
        return Backends.create(name, 2);
    }

    static KvCache cache(Transformer t, int pageSize, KvType kv) {
        ModelConfig c = t.config();
        return new KvCache(t.backend(), new KvLayout(c.layers(), c.kvHeads(), c.headDim(), pageSize, kv), 64L << 20);
    }

    static int[] tokens(long seed, int n, int vocab) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = r.nextInt(vocab);
        return t;
    }

    /** The reference: one fragment, one pass, over a cache of the same element type. */
    static float[] plain(Transformer t, int[] tokens, KvType kv) {
        try (KvCache cache = cache(t, 16, kv)) {
            Fragment f = cache.newFragment();
            return t.forward(List.of(new ForwardRow(View.of(f), f, tokens)), cache)[0];
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tokenByTokenMatchesOnePass(Architecture arch, String backend, KvType kv) {
        Transformer t = TinyModels.transformer(arch, backend(backend), GgmlType.F32);
        int[] tokens = tokens(1, TOKENS, t.config().vocabSize());
        float[] expected = plain(t, tokens, kv);
        float[] got = null;
        try (KvCache cache = cache(t, 4, kv)) {
            Fragment f = cache.newFragment();
            for (int i = 0; i < tokens.length; i++) {
                got = t.forward(List.of(new ForwardRow(View.of(f), f, new int[] {tokens[i]})), cache)[0];
            }
        }
        assertClose(kv, arch + "/" + backend + "/" + kv + " token by token", expected, got);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fragmentsInChunksAmongOtherRowsMatchOnePass(Architecture arch, String backend, KvType kv) {
        Transformer t = TinyModels.transformer(arch, backend(backend), GgmlType.F32);
        int vocab = t.config().vocabSize();
        int[] tokens = tokens(2, TOKENS, vocab);
        float[] expected = plain(t, tokens, kv);
        int[] cuts = {0, 9, 10, 23, TOKENS}; // four fragments, one of a single token
        int[] chunk = {3, 1, 5, 2};          // appended in chunks of these sizes
        try (KvCache cache = cache(t, 4, kv)) {
            List<Fragment> fragments = new ArrayList<>();
            Fragment other = cache.newFragment(); // an unrelated sequence sharing every pass and the page pool
            int[] otherTokens = tokens(3, 100, vocab);
            int otherDone = 0;
            float[] got = null;
            for (int fi = 0; fi + 1 < cuts.length; fi++) {
                Fragment f = cache.newFragment();
                fragments.add(f);
                View view = new View(fragments);
                for (int pos = cuts[fi]; pos < cuts[fi + 1]; ) {
                    int n = Math.min(chunk[fi], cuts[fi + 1] - pos);
                    int[] piece = Arrays.copyOfRange(tokens, pos, pos + n);
                    int[] otherPiece = Arrays.copyOfRange(otherTokens, otherDone, otherDone + 2);
                    otherDone += 2;
                    float[][] out = t.forward(List.of(
                            new ForwardRow(View.of(other), other, otherPiece, true),
                            new ForwardRow(view, f, piece, true)), cache);
                    got = out[1];
                    pos += n;
                }
            }
            assertEquals(TOKENS, fragments.stream().mapToInt(Fragment::length).sum());
            assertClose(kv, arch + "/" + backend + "/" + kv + " fragments", expected, got);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sharedFragmentSeenByTwoRowsInTheSamePass(Architecture arch, String backend, KvType kv) {
        // Row A appends to fragment P while row B, whose view is [P, B], appends to B in the same pass:
        // B must see A's new token (DESIGN 2.1: offsets are taken after all appends of the pass).
        Transformer t = TinyModels.transformer(arch, backend(backend), GgmlType.F32);
        int[] prefix = tokens(4, 12, t.config().vocabSize());
        int[] own = tokens(5, 6, t.config().vocabSize());
        try (KvCache cache = cache(t, 4, kv)) {
            Fragment p = cache.newFragment();
            Fragment b = cache.newFragment();
            t.forward(List.of(new ForwardRow(View.of(p), p, Arrays.copyOf(prefix, 11))), cache);
            float[][] out = t.forward(List.of(
                    new ForwardRow(View.of(p), p, new int[] {prefix[11]}),
                    new ForwardRow(View.of(p, b), b, own)), cache);
            int[] flat = new int[prefix.length + own.length];
            System.arraycopy(prefix, 0, flat, 0, prefix.length);
            System.arraycopy(own, 0, flat, prefix.length, own.length);
            assertClose(kv, arch + "/" + backend + "/" + kv + " same-pass visibility", plain(t, flat, kv), out[1]);
            assertClose(kv, arch + "/" + backend + "/" + kv + " writer row", plain(t, prefix, kv), out[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stepCopiedIntoHistoryKeepsTheInvariant(Architecture arch, String backend, KvType kv) {
        // A finished step is moved into the history fragment (keys rotated once by the constant shift);
        // later tokens attending to the history must see exactly the plain sequence.
        Transformer t = TinyModels.transformer(arch, backend(backend), GgmlType.F32);
        int[] all = tokens(6, 30, t.config().vocabSize());
        try (KvCache cache = cache(t, 4, kv)) {
            Fragment history = cache.newFragment();
            Fragment step = cache.newFragment();
            Fragment next = cache.newFragment();
            t.forward(List.of(new ForwardRow(View.of(history), history, Arrays.copyOfRange(all, 0, 11))), cache);
            t.forward(List.of(new ForwardRow(View.of(history, step), step, Arrays.copyOfRange(all, 11, 20))), cache);
            cache.appendCopy(t.backend(), history, step, 0, step.length(), t.config().rope());
            cache.release(step);
            assertArrayEquals(Arrays.copyOf(all, 20), history.tokens());
            float[] got = t.forward(List.of(new ForwardRow(View.of(history, next), next, Arrays.copyOfRange(all, 20, 30))), cache)[0];
            assertClose(kv, arch + "/" + backend + "/" + kv + " step committed by copy", plain(t, all, kv), got);
        }
    }

    /**
     * Float32 caches: float tolerance. F16 caches round every key to half after rotating it at its
     * fragment-local position while the plain pass rounds it at its absolute position (and a copied step
     * rounds twice), so the two passes see keys rounded differently; their logits agree to about one half
     * rounding (u = 2^-11) of the logit scale, as a plain F16 pass agrees with a plain F32 one. Tolerance:
     * 4u of the logit scale. A key at a wrong position or a missing fragment moves logits by far more.
     */
    static void assertClose(KvType kv, String what, float[] expected, float[] got) {
        double max = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - got[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        System.out.printf("%s: max |diff| %.3g (logit scale %.3g)%n", what, max, scale);
        assertTrue(scale > 0.1, "degenerate logits");
        double tol = kv == KvType.F32 ? 2e-5 : 4 * 0x1p-11;
        assertTrue(max <= tol * Math.max(1, scale), what + ": max diff " + max + ", tolerance " + tol * Math.max(1, scale));
    }
}
