package io.hogwild.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hogwild.engine.hogwild.Layout;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.spark.exec.RowSeeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option checking and merging without Spark. */
class OptionValuesTest {
    @Test
    void defaultsMatchTheEngineDefaults() {
        SolveOptions o = OptionValues.builtIn().solveOptions();
        SolveOptions e = SolveOptions.defaults(2);
        assertEquals(e.workerNames(), o.workerNames());
        assertEquals(e.layout(), o.layout());
        assertEquals(e.maxSteps(), o.maxSteps());
        assertEquals(e.sampling(), o.sampling());
        assertEquals(e.quickCheckInterval(), o.quickCheckInterval());
        assertEquals(e.finisherTokens(), o.finisherTokens());
    }

    @Test
    void givenValuesWinOverDefaults() {
        OptionValues v = OptionValues.builtIn().withDefault(HogwildOption.WORKERS, "4").checkedGiven(HogwildOption.LAYOUT, " Contiguous ");
        SolveOptions o = v.solveOptions();
        assertEquals(4, o.workers());
        assertEquals(Layout.CONTIGUOUS, o.layout());
        assertEquals(2, v.checkedGiven(HogwildOption.WORKERS, "2").solveOptions().workers());
    }

    @Test
    void workerNamesSetTheCountUnlessWorkersIsGiven() {
        OptionValues v = OptionValues.builtIn().checkedGiven(HogwildOption.WORKER_NAMES, "Ann, Ben, Cid");
        assertEquals(List.of("Ann", "Ben", "Cid"), v.solveOptions().workerNames());
        assertEquals(3, v.checkedGiven(HogwildOption.WORKERS, "3").solveOptions().workers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.checkedGiven(HogwildOption.WORKERS, "2").solveOptions());
        assertEquals("worker_names has 3 names but workers is 2", e.getMessage());
    }

    @Test
    void valuesAreChecked() {
        assertEquals("workers must be in 1..8, got 9", assertThrows(IllegalArgumentException.class, () -> HogwildOption.WORKERS.check("9")).getMessage());
        assertEquals("temperature must be in [0, 100], got -0.5",
                assertThrows(IllegalArgumentException.class, () -> HogwildOption.TEMPERATURE.check("-0.5")).getMessage());
        assertEquals("top_p must be in (0, 1], got 0", assertThrows(IllegalArgumentException.class, () -> HogwildOption.TOP_P.check("0")).getMessage());
        assertEquals("fail_on_error must be true or false, got 'yes'",
                assertThrows(IllegalArgumentException.class, () -> HogwildOption.FAIL_ON_ERROR.check("yes")).getMessage());
        assertEquals("true", HogwildOption.FAIL_ON_ERROR.check("TRUE"));
        assertEquals("interleaved", HogwildOption.LAYOUT.check("INTERLEAVED"));
        assertThrows(IllegalArgumentException.class, () -> HogwildOption.WORKER_NAMES.check("A,,B"));
        assertThrows(IllegalArgumentException.class, () -> HogwildOption.SEED.check("1e3"));
        assertEquals(HogwildOption.MAX_STEPS, HogwildOption.bySqlName(" MAX_STEPS "));
        assertEquals("f32", OptionValues.builtIn().kvType());
        assertEquals("f16", HogwildOption.KV_TYPE.check(" F16 "));
        assertEquals("KV cache type must be one of f32, f16, got 'fp16'",
                assertThrows(IllegalArgumentException.class, () -> HogwildOption.KV_TYPE.check("fp16")).getMessage());
    }

    @Test
    void rowSeedsDependOnSeedAndPromptOnly() {
        assertEquals(RowSeeds.seed(7, "What is 2+2?"), RowSeeds.seed(7, "What is 2+2?"));
        assertNotEquals(RowSeeds.seed(7, "What is 2+2?"), RowSeeds.seed(8, "What is 2+2?"));
        assertNotEquals(RowSeeds.seed(7, "What is 2+2?"), RowSeeds.seed(7, "What is 2+3?"));
        assertNotEquals(RowSeeds.seed(0, "a"), RowSeeds.seed(1, "a") ^ 1, "the base seed is mixed, not xor-ed in");
    }
}
