package io.hogwild.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.KvLayout;
import io.hogwild.kernels.KvType;
import io.hogwild.kernels.scalar.ScalarBackend;
import org.junit.jupiter.api.Test;

class KvCacheTest {
    static final KvLayout LAYOUT = new KvLayout(2, 2, 8, 4); // 2*4*2*2*8*4 = 1024 bytes a page

    @Test
    void reservationIsAllOrNothingWithinTheBudget() {
        try (KvCache cache = new KvCache(new ScalarBackend(), LAYOUT, 10 * LAYOUT.bytesPerPage())) {
            assertEquals(10, cache.totalPages());
            Fragment a = cache.newFragment();
            cache.reserve(a, 30); // 8 pages
            assertEquals(8, a.pageCount());
            assertEquals(2, cache.freePages());
            Fragment b = cache.newFragment();
            CacheFullException e = assertThrows(CacheFullException.class, () -> cache.reserve(b, 9)); // 3 pages
            assertTrue(e.getMessage().contains("need 3 more pages"), e.getMessage());
            assertEquals(0, b.pageCount());
            assertEquals(2, cache.freePages());
            cache.release(a);
            assertEquals(10, cache.freePages());
            cache.reserve(b, 9);
            assertEquals(3, b.pageCount());
        }
    }

    @Test
    void appendsFillReservedPagesBeforeTakingNewOnes() {
        try (KvCache cache = new KvCache(new ScalarBackend(), LAYOUT, 10 * LAYOUT.bytesPerPage())) {
            Fragment f = cache.newFragment();
            cache.reserve(f, 3);
            cache.commitAppend(f, new int[] {7, 8, 9});
            assertEquals(8, f.token(1));
            assertEquals(0, cache.pagesNeeded(f, 1));
            assertEquals(1, cache.pagesNeeded(f, 2));
            assertThrows(IllegalStateException.class, () -> cache.commitAppend(f, new int[] {1, 2}));
            cache.release(f);
            assertThrows(IllegalStateException.class, () -> cache.reserve(f, 1));
        }
    }

    @Test
    void anF16CacheHoldsTwiceTheTokensForTheSameBytes() {
        KvLayout half = LAYOUT.withType(KvType.F16); // 512 bytes a page
        assertEquals(LAYOUT.bytesPerPage() / 2, half.bytesPerPage());
        long budget = 10 * LAYOUT.bytesPerPage();
        try (KvCache f32 = new KvCache(new ScalarBackend(), LAYOUT, budget);
             KvCache f16 = new KvCache(new ScalarBackend(), half, budget)) {
            assertEquals(10, f32.totalPages());
            assertEquals(20, f16.totalPages());
            assertEquals(KvType.F16, f16.layout().type());
            f32.reserve(f32.newFragment(), 40); // 10 pages of 4 tokens: full
            assertThrows(CacheFullException.class, () -> f32.reserve(f32.newFragment(), 1));
            f16.reserve(f16.newFragment(), 80); // twice the tokens in the same bytes
            assertEquals(0, f16.freePages());
            CacheFullException e = assertThrows(CacheFullException.class, () -> f16.reserve(f16.newFragment(), 1));
            assertTrue(e.getMessage().contains("pages of " + half.bytesPerPage() + " bytes"), e.getMessage());
        }
    }

    @Test
    void aBudgetBelowOnePageIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KvCache(new ScalarBackend(), LAYOUT, 100));
        assertTrue(e.getMessage().contains("holds no page"), e.getMessage());
    }
}
