package io.hogwild.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.KvLayout;
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
    void aBudgetBelowOnePageIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KvCache(new ScalarBackend(), LAYOUT, 100));
        assertTrue(e.getMessage().contains("holds no page"), e.getMessage());
    }
}
