package io.hogwild.spark.exec;

import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.engine.hogwild.Problem;
import io.hogwild.engine.hogwild.SessionTrace;
import io.hogwild.engine.hogwild.Solution;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.engine.hogwild.StepTrace;
import io.hogwild.engine.hogwild.WorkerTrace;
import io.hogwild.spark.HogwildOption;
import io.hogwild.spark.OptionValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.NullableStructWriter;
import org.apache.arrow.vector.complex.writer.BaseWriter.ListWriter;
import org.apache.arrow.vector.complex.writer.BaseWriter.StructWriter;

/**
 * The engine side of the Arrow exchange, free of Spark: reads a batch of prompts (and per-row options), submits
 * every problem of the batch to the resident engine at once, so they run in the same forward passes (with other
 * tasks' problems too), and writes the solutions back as an Arrow batch.
 */
public final class BatchSolver {
    private final HogwildEngine engine;
    private final OptionValues values;
    private final List<HogwildOption> rowOptions;
    private final boolean rowMap;
    /** Options shared by every row when none vary per row (checked once), else null. */
    private final SolveOptions shared;

    public BatchSolver(HogwildEngine engine, OptionValues values, List<HogwildOption> rowOptions, boolean rowMap) {
        this.engine = engine;
        this.values = values;
        this.rowOptions = List.copyOf(rowOptions);
        this.rowMap = rowMap;
        this.shared = rowOptions.isEmpty() && !rowMap ? values.solveOptions() : null;
    }

    /**
     * Reads every row of {@code in} and submits its problem to the engine, which runs them in its next passes
     * together with everything else submitted (rows that do not fit a pass wait for the next one);
     * {@code in} may be closed when this returns.
     */
    public Pending submit(VectorSchemaRoot in) {
        SolverStats.BATCHES.incrementAndGet();
        int n = in.getRowCount();
        SolverStats.ROWS.addAndGet(n);
        Pending p = new Pending(n);
        VarCharVector prompts = (VarCharVector) in.getVector(ArrowSchemas.PROMPT);
        for (int i = 0; i < n; i++) {
            if (prompts.isNull(i)) {
                p.nullPrompt[i] = true;
                continue;
            }
            String prompt = new String(prompts.get(i), StandardCharsets.UTF_8);
            SolveOptions o;
            long baseSeed;
            try {
                if (shared != null) {
                    o = shared;
                    baseSeed = values.seed();
                } else {
                    OptionValues v = rowValues(in, i);
                    o = v.solveOptions();
                    baseSeed = v.seed();
                }
            } catch (IllegalArgumentException e) {
                p.errors[i] = "invalid options: " + e.getMessage();
                continue;
            }
            o = o.withSampling(o.sampling().withSeed(RowSeeds.seed(baseSeed, prompt)));
            long start = System.nanoTime();
            p.start[i] = start;
            final int row = i;
            CompletableFuture<Solution> f = engine.submit(new Problem("row-" + i, prompt), o);
            p.futures[i] = f;
            p.done[i] = f.whenComplete((s, t) -> p.end[row] = System.nanoTime());
            SolverStats.PROBLEMS.incrementAndGet();
        }
        return p;
    }

    /** The options of row {@code i}: the call's constants, then the row's map entries, then its option columns. */
    private OptionValues rowValues(VectorSchemaRoot in, int i) {
        OptionValues v = values;
        if (rowMap) {
            MapVector map = (MapVector) in.getVector(ArrowSchemas.OPTIONS);
            if (!map.isNull(i)) {
                for (Object entry : map.getObject(i)) {
                    Map<?, ?> kv = (Map<?, ?>) entry;
                    String key = String.valueOf(kv.get(MapVector.KEY_NAME));
                    Object value = kv.get(MapVector.VALUE_NAME);
                    HogwildOption o = HogwildOption.bySqlName(key);
                    if (o == null) throw new IllegalArgumentException("unknown option '" + key + "' in the options map");
                    if (!o.perRow()) throw new IllegalArgumentException(o.sqlName() + " cannot vary per row; pass it as a constant");
                    if (value == null) throw new IllegalArgumentException(o.sqlName() + " must not be null");
                    if (!values.isGiven(o)) v = checked(v, o, value.toString()); // named arguments win over map entries
                }
            }
        }
        for (HogwildOption o : rowOptions) {
            VarCharVector col = (VarCharVector) in.getVector(ArrowSchemas.optionColumn(o));
            if (col.isNull(i)) throw new IllegalArgumentException(o.sqlName() + " must not be null");
            v = checked(v, o, new String(col.get(i), StandardCharsets.UTF_8));
        }
        return v;
    }

    private static OptionValues checked(OptionValues v, HogwildOption o, String value) {
        try {
            return v.checkedGiven(o, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(o.sqlName() + " => '" + value + "': " + e.getMessage(), e);
        }
    }

    /** A submitted batch: its problems run in the engine until {@link #await} sees them all done. */
    public static final class Pending {
        final int rows;
        final boolean[] nullPrompt;
        final String[] errors;
        final CompletableFuture<Solution>[] futures;
        /** Completes after the row's end time is recorded. */
        final CompletableFuture<Solution>[] done;
        final long[] start;
        final long[] end;

        @SuppressWarnings("unchecked")
        Pending(int rows) {
            this.rows = rows;
            this.nullPrompt = new boolean[rows];
            this.errors = new String[rows];
            this.futures = new CompletableFuture[rows];
            this.done = new CompletableFuture[rows];
            this.start = new long[rows];
            this.end = new long[rows];
        }

        public int rows() {
            return rows;
        }

        /**
         * Waits for every problem, checking {@code killed} every {@code pollMillis}; when it turns true the batch is
         * cancelled and {@link CancellationException} thrown.
         */
        public void await(BooleanSupplier killed, long pollMillis) throws InterruptedException {
            for (CompletableFuture<Solution> f : done) {
                if (f == null) continue;
                while (true) {
                    if (killed.getAsBoolean()) {
                        cancel();
                        throw new CancellationException("task killed");
                    }
                    try {
                        f.get(pollMillis, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        // poll the kill flag again
                    } catch (ExecutionException | CancellationException e) {
                        break; // reported per row by writeTo
                    } catch (InterruptedException e) {
                        cancel();
                        throw e;
                    }
                }
            }
        }

        /** Cancels every problem still running: the engine drops them and frees their cache. Returns how many. */
        public int cancel() {
            int n = 0;
            for (CompletableFuture<Solution> f : futures) {
                if (f != null && f.cancel(true)) n++;
            }
            SolverStats.CANCELLED.addAndGet(n);
            return n;
        }

        /** Writes one result per row into {@code out}'s struct column (after {@link #await}). */
        public void writeTo(VectorSchemaRoot out) {
            StructVector result = (StructVector) out.getVector(ArrowSchemas.RESULT);
            NullableStructWriter w = result.getWriter();
            for (int i = 0; i < rows; i++) {
                w.setPosition(i);
                if (nullPrompt[i]) {
                    result.setNull(i);
                    continue;
                }
                w.start();
                Solution s = solution(i);
                if (s == null || !s.ok()) {
                    w.varChar("error").writeVarChar(s == null ? errors[i] : s.error());
                } else {
                    writeSolution(w, s, (end[i] - start[i]) / 1_000_000);
                }
                w.end();
            }
            for (FieldVector v : out.getFieldVectors()) v.setValueCount(rows);
            out.setRowCount(rows);
        }

        /** Row {@code i}'s solution, null with {@code errors[i]} set when it has none. */
        private Solution solution(int i) {
            if (futures[i] == null) return null;
            try {
                return futures[i].getNow(null) != null ? futures[i].join() : missing(i, "not finished");
            } catch (CancellationException e) {
                return missing(i, "cancelled");
            } catch (RuntimeException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                return missing(i, "engine failure: " + c);
            }
        }

        private Solution missing(int i, String why) {
            errors[i] = why;
            return null;
        }

        /** Solved rows, error rows and tokens of this batch (after {@link #writeTo}). */
        public long[] counts() {
            long solved = 0, failed = 0, tokens = 0, nulls = 0;
            for (int i = 0; i < rows; i++) {
                if (nullPrompt[i]) {
                    nulls++;
                    continue;
                }
                Solution s = futures[i] == null ? null : futures[i].isDone() && !futures[i].isCompletedExceptionally() ? futures[i].join() : null;
                if (s != null && s.ok()) {
                    solved++;
                    tokens += s.trace().totalTokens();
                } else {
                    failed++;
                }
            }
            return new long[] {solved, failed, tokens, nulls};
        }

        /** The first error of a row, or null (for fail_on_error). */
        public String firstError() {
            for (int i = 0; i < rows; i++) {
                if (nullPrompt[i]) continue;
                if (errors[i] != null) return errors[i];
                Solution s = futures[i] != null && futures[i].isDone() && !futures[i].isCompletedExceptionally() ? futures[i].join() : null;
                if (s != null && !s.ok()) return s.error();
            }
            return null;
        }

        private static void writeSolution(StructWriter w, Solution s, long elapsedMs) {
            SessionTrace t = s.trace();
            if (s.answer() != null) w.varChar("answer").writeVarChar(s.answer());
            if (t.transcript() != null) w.varChar("text").writeVarChar(t.transcript());
            ListWriter workers = w.list("workers");
            workers.startList();
            for (WorkerTrace wt : t.workers()) {
                StructWriter ws = workers.struct();
                ws.start();
                ws.varChar("name").writeVarChar(wt.name());
                ws.integer("tokens").writeInt(wt.tokens());
                ListWriter steps = ws.list("steps");
                steps.startList();
                for (StepTrace st : wt.steps()) {
                    StructWriter ss = steps.struct();
                    ss.start();
                    ss.integer("number").writeInt(st.number());
                    ss.varChar("text").writeVarChar(st.text());
                    ss.integer("tokens").writeInt(st.tokens());
                    ss.integer("first_pass").writeInt(st.firstPass());
                    ss.integer("last_pass").writeInt(st.lastPass());
                    ss.end();
                }
                steps.endList();
                ws.end();
            }
            workers.endList();
            w.integer("steps").writeInt(t.sequentialSteps());
            w.integer("tokens").writeInt(t.totalTokens());
            w.bigInt("elapsed_ms").writeBigInt(elapsedMs);
        }
    }
}
