package io.hogwild.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.scalar.FloatKvStore;
import io.hogwild.kernels.scalar.HalfKvStore;
import io.hogwild.kernels.scalar.ScalarBackend;
import org.junit.jupiter.api.Test;

class KvTypeTest {

    @Test
    void parsesTheOptionNamesAndRejectsOthersByName() {
        assertEquals(KvType.F32, KvType.parse("f32"));
        assertEquals(KvType.F16, KvType.parse(" F16 "));
        for (String bad : new String[] {"bf16", "fp16", "", "q8_0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvType.parse(bad));
            assertTrue(e.getMessage().contains("f32, f16") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KvType.parse(null)).getMessage().contains("null"));
    }

    @Test
    void halfLayoutTakesHalfTheBytesAndTheSameBudgetHoldsTwiceTheTokens() {
        KvLayout f32 = new KvLayout(3, 2, 16, 8);
        KvLayout f16 = f32.withType(KvType.F16);
        assertEquals(KvType.F32, f32.type());
        assertEquals(2L * 4 * 3 * 2 * 16 * 8, f32.bytesPerPage());
        assertEquals(f32.bytesPerPage() / 2, f16.bytesPerPage());
        assertEquals(f32.bytesPerToken() / 2, f16.bytesPerToken());
        assertEquals(f16.bytesPerPage(), f16.bytesPerToken() * f16.pageSize());
        long budget = 10 * f32.bytesPerPage() + 5;
        try (ScalarBackend b = new ScalarBackend(); KvStore s32 = b.createKvStore(f32, budget);
             KvStore s16 = b.createKvStore(f16, budget)) {
            assertEquals(10, s32.totalPages());
            assertEquals(20, s16.totalPages());
            assertTrue(s32 instanceof FloatKvStore);
            assertTrue(s16 instanceof HalfKvStore);
            assertEquals(f16, s16.layout());
        }
        // half a float page is still one half page
        try (ScalarBackend b = new ScalarBackend(); KvStore s = b.createKvStore(f16, f32.bytesPerPage() / 2)) {
            assertEquals(1, s.totalPages());
        }
    }

    @Test
    void storesRefuseALayoutOfAnotherType() {
        KvLayout f16 = new KvLayout(1, 1, 8, 4, KvType.F16);
        assertThrows(IllegalArgumentException.class, () -> new FloatKvStore(f16, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new HalfKvStore(f16.withType(KvType.F32), 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new KvLayout(1, 1, 8, 4, null));
    }
}
