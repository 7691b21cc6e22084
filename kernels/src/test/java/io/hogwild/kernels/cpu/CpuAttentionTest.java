package io.hogwild.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hogwild.kernels.Activations;
import io.hogwild.kernels.AttentionPlan;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvStore;
import io.hogwild.kernels.KvType;
import io.hogwild.kernels.KvWrites;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.ggml.Float16;
import io.hogwild.kernels.scalar.FloatKvStore;
import io.hogwild.kernels.scalar.HalfKvStore;
import io.hogwild.kernels.scalar.PagedKvStore;
import io.hogwild.kernels.scalar.ScalarBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * storeKv, attention over fragments and copyKv of {@link CpuBackend} against {@link ScalarBackend}.
 *
 * <p>Tolerance of an attention output, relative to max|v|: a score q·k·scale is off by at most
 * (hd + 64) · 2^-22 · |q| |k| · scale (float sums and float rotation tables), which moves the softmax
 * weights by that fraction; the weighted sum of at most K values adds (K + 64) · 2^-23. A key seen at the
 * wrong position or a missed fragment changes outputs by a sizeable fraction of max|v|.
 *
 * <p>F16 caches: each backend rounds its own rotated keys to half, and the two rotations (float tables,
 * double reference) may round to neighbouring halves, so stored keys are compared to one half ulp and
 * values exactly; attention is then compared on identical stored halves (the reference's pages copied
 * into the fast store) with the float tolerance above. Against a float32 cache holding the same K/V, an
 * F16 output may differ by the half rounding u = 2^-11: scores move by at most δ = |q| max|k| scale · u,
 * which moves the weighted sum by at most (e^{2δ} - 1) max|v|, and rounded values add u · max|v|.
 */
class CpuAttentionTest {

    /** Every case of {@link #baseCases} with a float32 and with a half KV cache. */
    static Stream<Arguments> cases() {
        return baseCases().flatMap(a -> Stream.of(KvType.values()).map(t -> {
            Object[] base = a.get();
            Object[] with = java.util.Arrays.copyOf(base, base.length + 1);
            with[base.length] = t;
            return Arguments.of(with);
        }));
    }

    /** headDim, rotaryDim, neox, group, fragments, pageSize, threads, plain. */
    static Stream<Arguments> baseCases() {
        List<Arguments> l = new ArrayList<>();
        l.add(Arguments.of(64, 64, true, 1, 1, 16, 1, false));
        l.add(Arguments.of(64, 64, false, 2, 3, 16, 3, false));
        l.add(Arguments.of(128, 128, true, 4, 20, 8, 3, false));
        l.add(Arguments.of(128, 64, false, 1, 3, 32, 1, false));
        l.add(Arguments.of(80, 40, true, 2, 20, 16, 3, false));
        l.add(Arguments.of(80, 64, false, 4, 1, 5, 1, false));
        l.add(Arguments.of(64, 32, true, 4, 3, 7, 3, false));
        l.add(Arguments.of(128, 128, false, 2, 20, 16, 1, false));
        l.add(Arguments.of(64, 64, true, 2, 3, 16, 3, true));
        l.add(Arguments.of(80, 40, false, 4, 20, 8, 1, true));
        l.add(Arguments.of(128, 96, true, 1, 1, 16, 3, true));
        return l.stream();
    }

    /** A cache with the same fragments written through both backends. */
    static final class Scene {
        final KvLayout layout;
        final Rope rope;
        final int[] fragLen;
        final int[][] fragPages;
        final Random rnd;
        final KvStore storeC;
        final KvStore storeR;
        /** For a half cache: a float32 reference store holding the same K/V (null for float32). */
        final KvStore storeF;

        Scene(CpuBackend cpu, Backend ref, KvLayout layout, Rope rope, int fragments, Random rnd) {
            this(cpu, ref, layout, rope, randomLengths(fragments, rnd), rnd);
        }

        private static int[] randomLengths(int fragments, Random rnd) {
            int[] len = new int[fragments];
            for (int f = 0; f < fragments; f++) len[f] = 1 + rnd.nextInt(fragments == 1 ? 90 : 30);
            return len;
        }

        /** Fragments of the given lengths. */
        Scene(CpuBackend cpu, Backend ref, KvLayout layout, Rope rope, int[] lengths, Random rnd) {
            this.layout = layout;
            this.rope = rope;
            this.rnd = rnd;
            int fragments = lengths.length;
            long budget = 4096 * layout.bytesPerPage();
            storeC = cpu.createKvStore(layout, budget);
            storeR = ref.createKvStore(layout, budget);
            storeF = layout.type() == KvType.F32 ? null : ref.createKvStore(layout.withType(KvType.F32), 2 * budget);
            fragLen = new int[fragments];
            fragPages = new int[fragments][];
            for (int f = 0; f < fragments; f++) {
                fragLen[f] = lengths[f];
                int pages = (fragLen[f] + layout.pageSize() - 1) / layout.pageSize();
                fragPages[f] = new int[pages];
                for (int p = 0; p < pages; p++) {
                    int a = allocate();
                    fragPages[f][p] = a;
                }
            }
            int width = layout.kvHeads() * layout.headDim();
            for (int layer = 0; layer < layout.layers(); layer++) {
                for (int f = 0; f < fragments; f++) {
                    // write each fragment in two calls of several tokens
                    int split = fragLen[f] / 2;
                    write(cpu, ref, layer, f, 0, split, width);
                    write(cpu, ref, layer, f, split, fragLen[f], width);
                }
            }
        }

        /** The same new page in every store of the scene. */
        int allocate() {
            int a = storeC.allocate();
            assertEquals(a, storeR.allocate());
            if (storeF != null) assertEquals(a, storeF.allocate());
            return a;
        }

        /**
         * For a half cache: checks the fast backend's stored pages against the reference's (keys to one half
         * ulp, values exactly), then copies the reference's pages into the fast store so that later ops
         * start from identical halves.
         */
        void compareAndSyncHalves(int... pages) {
            if (layout.type() != KvType.F16) return;
            HalfKvStore c = (HalfKvStore) storeC;
            HalfKvStore r = (HalfKvStore) storeR;
            for (int page : pages) {
                compareStore(this, page);
                System.arraycopy(r.keys(page), 0, c.keys(page), 0, r.keys(page).length);
                System.arraycopy(r.values(page), 0, c.values(page), 0, r.values(page).length);
            }
        }

        int[] allPages() {
            return java.util.Arrays.stream(fragPages).flatMapToInt(java.util.Arrays::stream).toArray();
        }

        private void write(CpuBackend cpu, Backend ref, int layer, int f, int from, int to, int width) {
            int n = to - from;
            if (n == 0) return;
            float[] k = TestData.gaussian(rnd, n * width, 1f);
            float[] v = TestData.gaussian(rnd, n * width, 1f);
            KvWrites w = new KvWrites();
            w.reset(n);
            for (int t = from; t < to; t++) w.add(fragPages[f][t / layout.pageSize()], t % layout.pageSize(), t);
            Activations kc = cpu.allocate(n, width);
            Activations vc = cpu.allocate(n, width);
            Activations kr = ref.allocate(n, width);
            Activations vr = ref.allocate(n, width);
            for (int t = 0; t < n; t++) {
                cpu.write(kc, t, k, t * width);
                cpu.write(vc, t, v, t * width);
                ref.write(kr, t, k, t * width);
                ref.write(vr, t, v, t * width);
            }
            cpu.storeKv(storeC, layer, kc, vc, w, rope);
            ref.storeKv(storeR, layer, kr, vr, w, rope);
            if (storeF != null) ref.storeKv(storeF, layer, kr, vr, w, rope);
        }
    }

    @ParameterizedTest(name = "hd={0} rot={1} neox={2} group={3} frags={4} page={5} threads={6} plain={7} kv={8}")
    @MethodSource("cases")
    void attentionMatchesReference(int hd, int rotary, boolean neox, int group, int fragments, int pageSize, int threads,
                                   boolean plain, KvType kvType) {
        Random rnd = new Random(hd * 1000L + group * 10 + fragments);
        int kvHeads = 2;
        int nHeads = kvHeads * group;
        boolean half = kvType == KvType.F16;
        KvLayout layout = new KvLayout(2, kvHeads, hd, pageSize, kvType);
        Rope rope = new Rope(hd, rotary, neox, Rope.frequencies(rotary, 10000.0));
        try (CpuBackend cpu = new CpuBackend(threads, plain); ScalarBackend ref = new ScalarBackend()) {
            Scene s = new Scene(cpu, ref, layout, rope, fragments, rnd);
            compareStore(s, s.fragPages[0][0]);
            s.compareAndSyncHalves(s.allPages());
            // rows: each views a random ordering of some fragments and queries its own (last) fragment's tail
            AttentionPlan plan = new AttentionPlan();
            plan.clear();
            int rows = 4;
            int token = 0;
            List<int[]> views = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<Integer> order = new ArrayList<>();
                for (int f = 0; f < fragments; f++) order.add(f);
                java.util.Collections.shuffle(order, rnd);
                int keep = fragments == 1 ? 1 : 1 + rnd.nextInt(fragments);
                int[] view = new int[keep];
                for (int i = 0; i < keep; i++) view[i] = order.get(i);
                views.add(view);
                // own fragment: the last of the view, or (row 3) the second-to-last so a later fragment is invisible
                int ownIdx = r == 3 && keep > 1 ? keep - 2 : keep - 1;
                int own = view[ownIdx];
                int start = 0;
                for (int i = 0; i < ownIdx; i++) start += s.fragLen[view[i]];
                int tokens = r == 0 ? 1 : Math.min(s.fragLen[own], 1 + rnd.nextInt(r == 1 ? 12 : 4));
                plan.beginRow(token, tokens, start + s.fragLen[own] - tokens);
                int at = 0;
                for (int f : view) {
                    plan.addFragment(at, s.fragLen[f], s.fragPages[f], s.fragPages[f].length);
                    at += s.fragLen[f];
                }
                token += tokens;
            }
            int qCols = nHeads * hd;
            float[] q = TestData.gaussian(rnd, token * qCols, 1f);
            Activations qc = cpu.allocate(token, qCols);
            Activations qr = ref.allocate(token, qCols);
            Activations oc = cpu.allocate(token, qCols);
            Activations or = ref.allocate(token, qCols);
            Activations of = ref.allocate(token, qCols);
            for (int t = 0; t < token; t++) {
                cpu.write(qc, t, q, t * qCols);
                ref.write(qr, t, q, t * qCols);
            }
            float scale = (float) (1.0 / Math.sqrt(hd));
            for (int layer = 0; layer < layout.layers(); layer++) {
                cpu.attention(s.storeC, layer, qc, oc, plan, rope, nHeads, scale);
                ref.attention(s.storeR, layer, qr, or, plan, rope, nHeads, scale);
                if (half) ref.attention(s.storeF, layer, qr, of, plan, rope, nHeads, scale);
                float[] got = new float[qCols];
                float[] want = new float[qCols];
                float[] wantF = new float[qCols];
                double kMax = maxKeyNorm(s, layer);
                double vMax = half ? maxAbs(s.storeF, false, s.allPages()) : 0;
                int maxKeys = 0;
                for (int f = 0; f < fragments; f++) maxKeys += s.fragLen[f];
                for (int t = 0; t < token; t++) {
                    cpu.read(oc, t, got, 0);
                    ref.read(or, t, want, 0);
                    if (half) ref.read(of, t, wantF, 0);
                    for (int h = 0; h < nHeads; h++) {
                        double qn = 0;
                        for (int i = 0; i < hd; i++) qn += (double) q[t * qCols + h * hd + i] * q[t * qCols + h * hd + i];
                        double sMax = Math.sqrt(qn) * kMax * scale;
                        double tol = ((hd + 64) * 0x1p-22 * sMax + (maxKeys + 64) * 0x1p-23 + 1e-6);
                        double delta = sMax * 0x1p-11;
                        double tolF = tol + (Math.expm1(2 * delta) + 0x1p-11) * vMax;
                        for (int i = 0; i < hd; i++) {
                            double err = Math.abs(got[h * hd + i] - want[h * hd + i]);
                            if (!(err <= tol)) {
                                throw new AssertionError("layer " + layer + " token " + t + " head " + h + " dim " + i
                                        + ": got " + got[h * hd + i] + " want " + want[h * hd + i] + " tol " + tol);
                            }
                            double errF = half ? Math.abs(got[h * hd + i] - wantF[h * hd + i]) : 0;
                            if (!(errF <= tolF)) {
                                throw new AssertionError("f16 vs f32, layer " + layer + " token " + t + " head " + h
                                        + " dim " + i + ": got " + got[h * hd + i] + " want " + wantF[h * hd + i] + " tol " + tolF);
                            }
                        }
                    }
                }
            }
            // copyKv: move the first fragment's tokens to fresh pages, shifted by a delta, both ways
            int[] frag = s.fragPages[0];
            int n = s.fragLen[0];
            int[] srcP = new int[n];
            int[] srcS = new int[n];
            int[] dstP = new int[n];
            int[] dstS = new int[n];
            int[] fresh = new int[(n + 3 + pageSize - 1) / pageSize + 1];
            for (int i = 0; i < fresh.length; i++) fresh[i] = s.allocate();
            for (int t = 0; t < n; t++) {
                srcP[t] = frag[t / pageSize];
                srcS[t] = t % pageSize;
                dstP[t] = fresh[(t + 3) / pageSize];
                dstS[t] = (t + 3) % pageSize;
            }
            for (int delta : new int[] {37, -5}) {
                cpu.copyKv(s.storeC, srcP, srcS, dstP, dstS, n, delta, rope);
                ref.copyKv(s.storeR, srcP, srcS, dstP, dstS, n, delta, rope);
                for (int p : fresh) compareStore(s, p);
                if (half) {
                    ref.copyKv(s.storeF, srcP, srcS, dstP, dstS, n, delta, rope);
                    for (int p : fresh) compareHalfToFloat(s, p);
                }
            }
        }
    }

    /** A page's keys (or values) as floats, whatever the element type. */
    static float[] floats(KvStore store, boolean keys, int page) {
        if (store instanceof HalfKvStore) {
            HalfKvStore h = (HalfKvStore) store;
            short[] a = keys ? h.keys(page) : h.values(page);
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) f[i] = Float16.toFloat(a[i]);
            return f;
        }
        FloatKvStore f = (FloatKvStore) store;
        return (keys ? f.keys(page) : f.values(page)).clone();
    }

    private static double maxAbs(KvStore store, boolean keys, int[] pages) {
        double max = 0;
        for (int p : pages) {
            for (float x : floats(store, keys, p)) max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static double maxKeyNorm(Scene s, int layer) {
        PagedKvStore st = (PagedKvStore) s.storeR;
        KvLayout l = s.layout;
        double max = 0;
        for (int f = 0; f < s.fragLen.length; f++) {
            for (int t = 0; t < s.fragLen[f]; t++) {
                for (int h = 0; h < l.kvHeads(); h++) {
                    float[] k = floats(st, true, s.fragPages[f][t / l.pageSize()]);
                    double n = 0;
                    for (int i = 0; i < l.headDim(); i++) {
                        double x = k[st.keyIndex(layer, h, t % l.pageSize(), i)];
                        n += x * x;
                    }
                    max = Math.max(max, Math.sqrt(n));
                }
            }
        }
        return max;
    }

    /**
     * Keys agree to float rounding of the rotation (half: to one half ulp, as the two rotations may round
     * to neighbouring halves); values exactly.
     */
    static void compareStore(Scene s, int page) {
        boolean half = s.layout.type() == KvType.F16;
        float[] kc = floats(s.storeC, true, page);
        float[] kr = floats(s.storeR, true, page);
        float[] vc = floats(s.storeC, false, page);
        float[] vr = floats(s.storeR, false, page);
        assertEquals(kr.length, kc.length);
        assertEquals(vr.length, vc.length);
        for (int i = 0; i < vc.length; i++) assertEquals(vr[i], vc[i], 0f, "value " + i + " of page " + page);
        for (int i = 0; i < kc.length; i++) {
            float tol = half ? 0x1p-10f * Math.max(Math.abs(kr[i]), Math.abs(kc[i])) + 0x1p-24f : 1e-5f * (1 + Math.abs(kr[i]));
            assertEquals(kr[i], kc[i], tol, "key " + i + " of page " + page);
        }
    }

    /**
     * A half page against the float32 reference page with the same history: values to one rounding (u =
     * 2^-11 relative); keys were rounded when stored, rotated (which spreads a pair's error over both values
     * but keeps its norm: at most u · sqrt(2) · max|k| of the head) and rounded again (u · |k|).
     */
    private static void compareHalfToFloat(Scene s, int page) {
        KvLayout l = s.layout;
        PagedKvStore st = (PagedKvStore) s.storeC;
        float[] kh = floats(s.storeC, true, page);
        float[] kf = floats(s.storeF, true, page);
        float[] vh = floats(s.storeC, false, page);
        float[] vf = floats(s.storeF, false, page);
        for (int layer = 0; layer < l.layers(); layer++) {
            for (int h = 0; h < l.kvHeads(); h++) {
                for (int slot = 0; slot < l.pageSize(); slot++) {
                    double max = 0;
                    for (int d = 0; d < l.headDim(); d++) max = Math.max(max, Math.abs(kf[st.keyIndex(layer, h, slot, d)]));
                    for (int d = 0; d < l.headDim(); d++) {
                        int v = st.valueOffset(layer, h, slot) + d;
                        int k = st.keyIndex(layer, h, slot, d);
                        assertEquals(vf[v], vh[v], 0x1p-11f * Math.abs(vf[v]) + 0x1p-24f, "value " + v + " of page " + page);
                        assertEquals(kf[k], kh[k], 0x1p-11 * 2.5 * max + 1e-6, "key " + k + " of page " + page);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "kv={0}")
    @EnumSource(KvType.class)
    void longSingleFragmentDecodeAndPrefill(KvType kvType) {
        // 600 keys over 10 pages; a 40-token prefill row and a decode row, GQA 6 like Qwen2.5-1.5B
        Random rnd = new Random(99);
        KvLayout layout = new KvLayout(1, 2, 128, 64, kvType);
        Rope rope = new Rope(128, 128, true, Rope.frequencies(128, 1_000_000.0));
        try (CpuBackend cpu = new CpuBackend(2); ScalarBackend ref = new ScalarBackend()) {
            Scene s = new Scene(cpu, ref, layout, rope, 1, rnd);
            // replace the random-length fragment by a long one
            int len = 600;
            int[] pages = new int[(len + 63) / 64];
            for (int i = 0; i < pages.length; i++) pages[i] = s.allocate();
            s.fragLen[0] = len;
            s.fragPages[0] = pages;
            s.write(cpu, ref, 0, 0, 0, len - 40, 256);
            s.write(cpu, ref, 0, 0, len - 40, len, 256);
            s.compareAndSyncHalves(pages);
            AttentionPlan plan = new AttentionPlan();
            plan.clear();
            plan.beginRow(0, 40, len - 40);
            plan.addFragment(0, len, pages, pages.length);
            plan.beginRow(40, 1, len - 1);
            plan.addFragment(0, len, pages, pages.length);
            int qCols = 12 * 128;
            float[] q = TestData.gaussian(rnd, 41 * qCols, 1f);
            Activations qc = cpu.allocate(41, qCols);
            Activations qr = ref.allocate(41, qCols);
            Activations oc = cpu.allocate(41, qCols);
            Activations or = ref.allocate(41, qCols);
            for (int t = 0; t < 41; t++) {
                cpu.write(qc, t, q, t * qCols);
                ref.write(qr, t, q, t * qCols);
            }
            float scale = 1f / (float) Math.sqrt(128);
            cpu.attention(s.storeC, 0, qc, oc, plan, rope, 12, scale);
            ref.attention(s.storeR, 0, qr, or, plan, rope, 12, scale);
            float[] got = new float[qCols];
            float[] want = new float[qCols];
            double maxErr = 0;
            for (int t = 0; t < 41; t++) {
                cpu.read(oc, t, got, 0);
                ref.read(or, t, want, 0);
                for (int i = 0; i < qCols; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - want[i]));
            }
            // |q| |k| scale is about 11.3 · 11.3 / 11.3 ≈ 11; see the class comment for the bound
            double tol = ((128 + 64) * 0x1p-22 * 16 * 16 / Math.sqrt(128) + (600 + 64) * 0x1p-23);
            if (!(maxErr <= tol)) throw new AssertionError("max error " + maxErr + " > " + tol);
        }
    }

    /** headDim, group, pageSize, plain. */
    static Stream<Arguments> shapeCases() {
        List<Arguments> l = new ArrayList<>();
        for (KvType t : KvType.values()) {
            l.add(Arguments.of(128, 6, 64, false, t)); // Qwen2.5-1.5B-like: tiles of 4 and 2 heads
            l.add(Arguments.of(128, 7, 64, false, t)); // 4 + 2 + 1 heads
            l.add(Arguments.of(64, 8, 64, false, t));
            l.add(Arguments.of(80, 3, 16, false, t)); // head size not a multiple of 4 vectors
            l.add(Arguments.of(72, 5, 64, false, t)); // nor of one vector: a scalar tail of dimensions
            l.add(Arguments.of(64, 1, 24, false, t)); // pages not a multiple of a vector
            l.add(Arguments.of(128, 6, 64, true, t));
            l.add(Arguments.of(72, 3, 24, true, t));
        }
        return l.stream();
    }

    /**
     * Fragments of awkward lengths (1 token, around multiples of 16 and of a page), many of them, seen in
     * several orders by decode rows and by multi-token rows whose causal limit falls inside chunks; every
     * output against the reference.
     */
    @ParameterizedTest(name = "hd={0} group={1} page={2} plain={3} kv={4}")
    @MethodSource("shapeCases")
    void awkwardFragmentsAndMultiTokenRowsMatchReference(int hd, int group, int pageSize, boolean plain, KvType kvType) {
        Random rnd = new Random(hd * 31L + group * 7 + pageSize);
        int kvHeads = 2;
        int nHeads = kvHeads * group;
        KvLayout layout = new KvLayout(1, kvHeads, hd, pageSize, kvType);
        Rope rope = new Rope(hd, hd - 8, true, Rope.frequencies(hd - 8, 10000.0));
        int[] lengths = {1, 15, 16, 17, 1, 33, 64, 65, 100, 1, 2, 130};
        try (CpuBackend cpu = new CpuBackend(2, plain); ScalarBackend ref = new ScalarBackend()) {
            Scene s = new Scene(cpu, ref, layout, rope, lengths, rnd);
            s.compareAndSyncHalves(s.allPages());
            AttentionPlan plan = new AttentionPlan();
            plan.clear();
            int[] all = new int[lengths.length];
            for (int f = 0; f < all.length; f++) all[f] = f;
            int[] reversed = new int[lengths.length];
            for (int f = 0; f < all.length; f++) reversed[f] = all.length - 1 - f;
            int token = 0;
            // decode at the end of the last fragment; a 40-token row ending it (its limit crosses chunks)
            token = addRow(plan, s, all, all.length - 1, 1, token);
            token = addRow(plan, s, all, all.length - 1, 40, token);
            // reversed views: own fragment the 1-token one in the middle, then 65 tokens with later ones unseen
            token = addRow(plan, s, reversed, 2, 1, token);
            token = addRow(plan, s, reversed, 4, 23, token);
            token = addRow(plan, s, new int[] {8, 0, 1, 2, 3, 4, 5, 6, 7}, 7, 65, token);
            // own fragment first: only its own tokens are visible
            token = addRow(plan, s, new int[] {3, 11, 6}, 0, 17, token);
            token = addRow(plan, s, new int[] {0}, 0, 1, token);
            compareAttention(cpu, ref, s, plan, token, nHeads, hd);
        }
    }

    /**
     * Adds a row that views {@code view} (fragment ids in order) and queries the last {@code tokens} tokens
     * of view[ownIdx]; returns the next free q row.
     */
    private static int addRow(AttentionPlan plan, Scene s, int[] view, int ownIdx, int tokens, int firstToken) {
        int start = 0;
        for (int i = 0; i < ownIdx; i++) start += s.fragLen[view[i]];
        int own = s.fragLen[view[ownIdx]];
        plan.beginRow(firstToken, tokens, start + own - tokens);
        int at = 0;
        for (int f : view) {
            plan.addFragment(at, s.fragLen[f], s.fragPages[f], s.fragPages[f].length);
            at += s.fragLen[f];
        }
        return firstToken + tokens;
    }

    /** Runs {@code plan} through both backends on random queries and checks every output (class comment bound). */
    private static float[] compareAttention(CpuBackend cpu, ScalarBackend ref, Scene s, AttentionPlan plan, int tokens,
                                            int nHeads, int hd) {
        int qCols = nHeads * hd;
        float[] q = TestData.gaussian(s.rnd, tokens * qCols, 1f);
        Activations qc = cpu.allocate(tokens, qCols);
        Activations qr = ref.allocate(tokens, qCols);
        Activations oc = cpu.allocate(tokens, qCols);
        Activations or = ref.allocate(tokens, qCols);
        for (int t = 0; t < tokens; t++) {
            cpu.write(qc, t, q, t * qCols);
            ref.write(qr, t, q, t * qCols);
        }
        float scale = (float) (1.0 / Math.sqrt(hd));
        cpu.attention(s.storeC, 0, qc, oc, plan, s.rope, nHeads, scale);
        ref.attention(s.storeR, 0, qr, or, plan, s.rope, nHeads, scale);
        double kMax = maxKeyNorm(s, 0);
        int maxKeys = 0;
        for (int len : s.fragLen) maxKeys += len;
        float[] got = new float[qCols];
        float[] want = new float[qCols];
        for (int t = 0; t < tokens; t++) {
            cpu.read(oc, t, got, 0);
            ref.read(or, t, want, 0);
            for (int h = 0; h < nHeads; h++) {
                double qn = 0;
                for (int i = 0; i < hd; i++) qn += (double) q[t * qCols + h * hd + i] * q[t * qCols + h * hd + i];
                double tol = (hd + 64) * 0x1p-22 * Math.sqrt(qn) * kMax * scale + (maxKeys + 64) * 0x1p-23 + 1e-6;
                for (int i = 0; i < hd; i++) {
                    double err = Math.abs(got[h * hd + i] - want[h * hd + i]);
                    if (!(err <= tol)) {
                        throw new AssertionError("token " + t + " head " + h + " dim " + i + ": got " + got[h * hd + i]
                                + " want " + want[h * hd + i] + " tol " + tol);
                    }
                }
            }
        }
        return q;
    }

    /**
     * A row's outputs are the same bits alone or in a batch, with 1 or 3 threads, and a multi-token row's
     * outputs are those of its tokens asked one by one (each token's attention depends on its own view only).
     */
    @ParameterizedTest(name = "plain={0} kv={1}")
    @MethodSource("invarianceCases")
    void attentionDoesNotDependOnTheBatch(boolean plain, KvType kvType) {
        Random rnd = new Random(5);
        int hd = 128;
        int group = 6;
        int nHeads = 2 * group;
        KvLayout layout = new KvLayout(1, 2, hd, 64, kvType);
        Rope rope = new Rope(hd, hd, true, Rope.frequencies(hd, 1e6));
        int[] lengths = {70, 1, 17, 33, 130};
        try (CpuBackend three = new CpuBackend(3, plain); CpuBackend one = new CpuBackend(1, plain);
             ScalarBackend ref = new ScalarBackend()) {
            Scene s = new Scene(three, ref, layout, rope, lengths, rnd);
            int[][] views = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0}, {0, 1, 2, 3, 4}};
            int[] own = {4, 3, 1, 2};
            int[] counts = {1, 1, 9, 20};
            AttentionPlan batch = new AttentionPlan();
            batch.clear();
            int tokens = 0;
            for (int r = 0; r < views.length; r++) tokens = addRow(batch, s, views[r], own[r], counts[r], tokens);
            int qCols = nHeads * hd;
            float[] q = TestData.gaussian(rnd, tokens * qCols, 1f);
            float scale = (float) (1.0 / Math.sqrt(hd));
            float[][] batched = run(three, s.storeC, q, tokens, qCols, batch, rope, nHeads, scale);
            int first = 0;
            for (int r = 0; r < views.length; r++) {
                for (int t = 0; t < counts[r]; t++) {
                    // token t of row r alone, as a one-token row at its own position, on one thread
                    AttentionPlan alone = new AttentionPlan();
                    alone.clear();
                    int start = 0;
                    for (int i = 0; i < own[r]; i++) start += lengths[views[r][i]];
                    alone.beginRow(0, 1, start + lengths[views[r][own[r]]] - counts[r] + t);
                    int at = 0;
                    for (int f : views[r]) {
                        alone.addFragment(at, lengths[f], s.fragPages[f], s.fragPages[f].length);
                        at += lengths[f];
                    }
                    float[] qt = java.util.Arrays.copyOfRange(q, (first + t) * qCols, (first + t + 1) * qCols);
                    float[][] single = run(one, s.storeC, qt, 1, qCols, alone, rope, nHeads, scale);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(batched[first + t], single[0],
                            "row " + r + " token " + t);
                }
                first += counts[r];
            }
        }
    }

    /**
     * An F16 cache computes exactly what a float32 cache holding its widened halves computes: the vector
     * kernels widen in registers (keys times 2^112, weights times 2^112 for the values), which must not
     * change a bit.
     */
    @ParameterizedTest(name = "plain={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void halfCacheComputesExactlyAsItsWidenedValues(boolean plain) {
        Random rnd = new Random(8);
        for (int[] shape : new int[][] {{128, 6}, {72, 7}, {64, 1}}) {
            int hd = shape[0];
            int group = shape[1];
            int nHeads = 2 * group;
            KvLayout layout = new KvLayout(1, 2, hd, 64, KvType.F16);
            Rope rope = new Rope(hd, hd, false, Rope.frequencies(hd, 1e4));
            int[] lengths = {100, 1, 17, 64};
            try (CpuBackend cpu = new CpuBackend(2, plain); ScalarBackend ref = new ScalarBackend()) {
                Scene s = new Scene(cpu, ref, layout, rope, lengths, rnd);
                KvStore wide = cpu.createKvStore(layout.withType(KvType.F32), 4096 * layout.bytesPerPage());
                for (int page : s.allPages()) {
                    assertEquals(page, wide.allocate());
                    HalfKvStore h = (HalfKvStore) s.storeC;
                    FloatKvStore f = (FloatKvStore) wide;
                    for (int i = 0; i < h.keys(page).length; i++) f.keys(page)[i] = Float16.toFloat(h.keys(page)[i]);
                    for (int i = 0; i < h.values(page).length; i++) f.values(page)[i] = Float16.toFloat(h.values(page)[i]);
                }
                AttentionPlan plan = new AttentionPlan();
                plan.clear();
                int tokens = addRow(plan, s, new int[] {0, 1, 2, 3}, 3, 20, 0);
                tokens = addRow(plan, s, new int[] {3, 1, 0}, 2, 1, tokens);
                int qCols = nHeads * hd;
                float[] q = TestData.gaussian(rnd, tokens * qCols, 3f);
                float scale = (float) (1.0 / Math.sqrt(hd));
                float[][] fromHalf = run(cpu, s.storeC, q, tokens, qCols, plan, rope, nHeads, scale);
                float[][] fromFloat = run(cpu, wide, q, tokens, qCols, plan, rope, nHeads, scale);
                for (int t = 0; t < tokens; t++) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(fromFloat[t], fromHalf[t], "hd " + hd + " token " + t);
                }
            }
        }
    }

    static Stream<Arguments> invarianceCases() {
        return Stream.of(Arguments.of(false, KvType.F32), Arguments.of(false, KvType.F16), Arguments.of(true, KvType.F32),
                Arguments.of(true, KvType.F16));
    }

    private static float[][] run(CpuBackend b, KvStore store, float[] q, int tokens, int qCols, AttentionPlan plan, Rope rope,
                                 int nHeads, float scale) {
        Activations qa = b.allocate(tokens, qCols);
        Activations oa = b.allocate(tokens, qCols);
        for (int t = 0; t < tokens; t++) b.write(qa, t, q, t * qCols);
        b.attention(store, 0, qa, oa, plan, rope, nHeads, scale);
        float[][] out = new float[tokens][qCols];
        for (int t = 0; t < tokens; t++) b.read(oa, t, out[t], 0);
        return out;
    }

    /** The vector kernels' query rotation gives the bits of copying and rotating head by head. */
    @Test
    void vectorQueryRotationMatchesThePlainOneExactly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vectorModulePresent(), "needs the Vector API module");
        Kernels vec = Kernels.create(false);
        Kernels plain = Kernels.create(true);
        org.junit.jupiter.api.Assumptions.assumeTrue(vec.lanes() > 1, "vector kernels not usable here");
        Random rnd = new Random(11);
        RopeTables tables = new RopeTables();
        for (boolean neox : new boolean[] {true, false}) {
            for (int[] dims : new int[][] {{128, 128}, {128, 120}, {80, 40}, {64, 18}, {72, 72}}) {
                int hd = dims[0];
                Rope rope = new Rope(hd, dims[1], neox, Rope.frequencies(dims[1], 10000.0));
                RopeTables.Entry e = tables.entry(rope);
                int heads = 3;
                float[] src = TestData.gaussian(rnd, 5 + heads * hd, 2f);
                for (int position : new int[] {0, 1, 37, -5, -4000, 5000, (1 << 20) + 3}) {
                    for (float scale : new float[] {1f, 0.125f, 0.0883883f}) {
                        float[] a = new float[heads * hd];
                        float[] b = new float[heads * hd];
                        vec.rotateHeads(src, 5, a, heads, hd, rope, e, position, scale, new float[2 * dims[1]]);
                        plain.rotateHeads(src, 5, b, heads, hd, rope, e, position, scale, new float[2 * dims[1]]);
                        org.junit.jupiter.api.Assertions.assertArrayEquals(b, a,
                                "neox=" + neox + " hd=" + hd + " rot=" + dims[1] + " pos=" + position + " scale=" + scale);
                    }
                }
            }
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        KvLayout layout = new KvLayout(1, 2, 64, 16);
        Rope rope = new Rope(64, 64, true, Rope.frequencies(64, 10000.0));
        Rope other = new Rope(32, 32, true, Rope.frequencies(32, 10000.0));
        try (CpuBackend cpu = new CpuBackend(2)) {
            KvStore st = cpu.createKvStore(layout, 10 * layout.bytesPerPage());
            int page = st.allocate();
            KvWrites w = new KvWrites();
            w.reset(1);
            w.add(page, 0, 0);
            Activations k = cpu.allocate(1, 128);
            Activations bad = cpu.allocate(1, 100);
            assertThrows(IllegalArgumentException.class, () -> cpu.storeKv(st, 0, bad, k, w, rope));
            assertThrows(IllegalArgumentException.class, () -> cpu.storeKv(st, 0, k, k, w, other));
            assertThrows(IndexOutOfBoundsException.class, () -> cpu.storeKv(st, 1, k, k, w, rope));
            KvWrites badSlot = new KvWrites();
            badSlot.reset(1);
            badSlot.add(page, 16, 0);
            assertThrows(IndexOutOfBoundsException.class, () -> cpu.storeKv(st, 0, k, k, badSlot, rope));
            AttentionPlan plan = new AttentionPlan();
            plan.clear();
            plan.beginRow(0, 1, 0);
            plan.addFragment(0, 1, new int[] {page}, 1);
            Activations q = cpu.allocate(1, 3 * 64);
            assertThrows(IllegalArgumentException.class, () -> cpu.attention(st, 0, q, q, plan, rope, 3, 1f));
        }
    }
}
