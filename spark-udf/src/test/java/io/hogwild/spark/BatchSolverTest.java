package io.hogwild.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.EngineOptions;
import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.kernels.scalar.ScalarBackend;
import io.hogwild.spark.exec.ArrowSchemas;
import io.hogwild.spark.exec.BatchSolver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Arrow exchange without Spark: a batch of prompts with a per-row option in, results out, read back through
 * Spark's ArrowColumnVector as the operator does. Null, error and solved rows interleave, so nested list offsets
 * must stay right across rows that have no trace.
 */
class BatchSolverTest {
    static Model model;
    static HogwildEngine engine;

    @BeforeAll
    static void load() {
        model = Model.load(TestSpark.model(), new ScalarBackend(), 512);
        engine = new HogwildEngine(model, new EngineOptions(128L << 20, 512));
    }

    @AfterAll
    static void close() {
        engine.close();
        model.close();
    }

    /**
     * Far more problems than one pass can carry (200 problems of 2 workers, passes of 512 tokens), all in one Arrow
     * batch: the rows that do not fit a pass wait for the next, every problem finishes, and with the same trace as
     * when solved alone.
     */
    @Test
    void manyProblemsAtOnceStayWithinThePassLimit() throws Exception {
        OptionValues values = OptionValues.builtIn().withDefault(HogwildOption.MODEL, "tiny").withGiven(HogwildOption.MAX_STEPS, "6")
                .withGiven(HogwildOption.FINISHER_TOKENS, "2").withGiven(HogwildOption.TEMPERATURE, "0");
        BatchSolver solver = new BatchSolver(engine, values, List.of(), false);
        int n = 200;
        try (BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot in = VectorSchemaRoot.create(ArrowSchemas.input(List.of(), false), alloc);
             VectorSchemaRoot out = VectorSchemaRoot.create(ArrowSchemas.output(), alloc);
             VectorSchemaRoot one = VectorSchemaRoot.create(ArrowSchemas.input(List.of(), false), alloc);
             VectorSchemaRoot oneOut = VectorSchemaRoot.create(ArrowSchemas.output(), alloc)) {
            VarCharVector p = (VarCharVector) in.getVector(ArrowSchemas.PROMPT);
            for (int i = 0; i < n; i++) p.setSafe(i, ("Problem " + i + ": what is " + i + " squared?").getBytes(StandardCharsets.UTF_8));
            in.setRowCount(n);
            BatchSolver.Pending pending = solver.submit(in);
            pending.await(() -> false, 20);
            pending.writeTo(out);
            ArrowColumnVector col = new ArrowColumnVector((StructVector) out.getVector(ArrowSchemas.RESULT));
            for (int i = 0; i < n; i++) {
                assertTrue(col.getStruct(i).isNullAt(ResultSchema.ERROR), "row " + i + ": "
                        + (col.getStruct(i).isNullAt(ResultSchema.ERROR) ? "" : col.getStruct(i).getUTF8String(ResultSchema.ERROR)));
            }
            // row 7 alone gives the same transcript
            ((VarCharVector) one.getVector(ArrowSchemas.PROMPT)).setSafe(0, "Problem 7: what is 7 squared?".getBytes(StandardCharsets.UTF_8));
            one.setRowCount(1);
            BatchSolver.Pending alone = solver.submit(one);
            alone.await(() -> false, 20);
            alone.writeTo(oneOut);
            ArrowColumnVector c1 = new ArrowColumnVector((StructVector) oneOut.getVector(ArrowSchemas.RESULT));
            assertEquals(c1.getStruct(0).getUTF8String(ResultSchema.TEXT), col.getStruct(7).getUTF8String(ResultSchema.TEXT));
        }
    }

    @Test
    void nullErrorAndSolvedRowsRoundTrip() throws Exception {
        OptionValues values = OptionValues.builtIn().withDefault(HogwildOption.MODEL, "tiny").withGiven(HogwildOption.MAX_STEPS, "3")
                .withGiven(HogwildOption.FINISHER_TOKENS, "2");
        BatchSolver solver = new BatchSolver(engine, values, List.of(HogwildOption.WORKERS), false);
        String[] prompts = {"What is 2+2?", null, "", "Count to three.", "Hi", "  "};
        String[] workers = {"1", "2", "2", "3", "0", "2"};
        try (BufferAllocator alloc = new RootAllocator();
             VectorSchemaRoot in = VectorSchemaRoot.create(ArrowSchemas.input(List.of(HogwildOption.WORKERS), false), alloc);
             VectorSchemaRoot out = VectorSchemaRoot.create(ArrowSchemas.output(), alloc)) {
            VarCharVector p = (VarCharVector) in.getVector(ArrowSchemas.PROMPT);
            VarCharVector w = (VarCharVector) in.getVector(ArrowSchemas.optionColumn(HogwildOption.WORKERS));
            for (int i = 0; i < prompts.length; i++) {
                if (prompts[i] == null) p.setNull(i);
                else p.setSafe(i, prompts[i].getBytes(StandardCharsets.UTF_8));
                w.setSafe(i, workers[i].getBytes(StandardCharsets.UTF_8));
            }
            in.setRowCount(prompts.length);
            BatchSolver.Pending pending = solver.submit(in);
            pending.await(() -> false, 50);
            pending.writeTo(out);
            assertEquals(prompts.length, out.getRowCount());

            ArrowColumnVector col = new ArrowColumnVector((StructVector) out.getVector(ArrowSchemas.RESULT));
            int[] expectedWorkers = {1, -1, -1, 3, -1, -1};
            for (int i = 0; i < prompts.length; i++) {
                if (prompts[i] == null) {
                    assertTrue(col.isNullAt(i));
                    continue;
                }
                assertFalse(col.isNullAt(i), "row " + i);
                ColumnarRow r = col.getStruct(i);
                if (expectedWorkers[i] < 0) {
                    assertFalse(r.isNullAt(ResultSchema.ERROR), "row " + i);
                    assertTrue(r.isNullAt(ResultSchema.WORKERS));
                    continue;
                }
                assertTrue(r.isNullAt(ResultSchema.ERROR), "row " + i);
                ColumnarArray ws = r.getArray(ResultSchema.WORKERS);
                assertEquals(expectedWorkers[i], ws.numElements(), "row " + i);
                assertEquals("Alice", ws.getStruct(0, 3).getUTF8String(0).toString());
                ColumnarArray steps = ws.getStruct(0, 3).getArray(2);
                assertTrue(steps.numElements() >= 1);
                assertEquals(1, steps.getStruct(0, 5).getInt(0));
                assertEquals(3, r.getInt(ResultSchema.STEPS));
            }
            assertEquals("the problem is empty", col.getStruct(2).getUTF8String(ResultSchema.ERROR).toString());
            assertTrue(col.getStruct(4).getUTF8String(ResultSchema.ERROR).toString()
                    .startsWith("invalid options: workers => '0': workers must be in 1..8"));
            assertEquals("the problem is empty", pending.firstError(), "the first failed row, for fail_on_error");
        }
    }
}
