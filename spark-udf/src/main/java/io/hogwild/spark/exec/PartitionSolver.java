package io.hogwild.spark.exec;

import io.hogwild.spark.SolveSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.execution.arrow.ArrowWriter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What each task of a HogwildSolveExec runs over its partition: rows are gathered into batches of
 * {@code batch_size}, each batch is written to Arrow (prompt and per-row options), handed to the resident engine
 * in one call, and its Arrow results are joined back to the rows in order. A task keeps up to
 * {@code batchesInFlight} batches submitted so the engine always has work while the slowest problems of a batch
 * finish. A killed task, or one that stops reading early (LIMIT), cancels its problems at once.
 */
public final class PartitionSolver implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionSolver.class);
    private static final long KILL_POLL_MILLIS = 100;
    private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

    private final List<Expression> inputs;
    private final List<Attribute> childOutput;
    private final SolveSpec spec;
    private final StructType outputSchema;
    private final TaskMetrics metrics;

    public PartitionSolver(List<Expression> inputs, List<Attribute> childOutput, SolveSpec spec, StructType outputSchema,
                           TaskMetrics metrics) {
        this.inputs = List.copyOf(inputs);
        this.childOutput = List.copyOf(childOutput);
        this.spec = spec;
        this.outputSchema = outputSchema;
        this.metrics = metrics;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new Batches(rows, TaskContext.get());
    }

    private static final class InFlight {
        final List<InternalRow> rows;
        final BatchSolver.Pending pending;
        final long startNanos;

        InFlight(List<InternalRow> rows, BatchSolver.Pending pending, long startNanos) {
            this.rows = rows;
            this.pending = pending;
            this.startNanos = startNanos;
        }
    }

    private final class Batches implements Iterator<InternalRow> {
        private final Iterator<InternalRow> input;
        private final TaskContext ctx;
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        private Iterator<InternalRow> ready = Collections.emptyIterator();
        private boolean started;
        private boolean closed;
        private BufferAllocator allocator;
        private EngineRegistry.Entry engine;
        private BatchSolver solver;
        private UnsafeProjection inputProjection;
        private UnsafeProjection outputProjection;
        private Schema inputSchema;
        private long batchCount, rowCount, solvedCount, errorCount, tokenCount;
        private final long startNanos = System.nanoTime();

        Batches(Iterator<InternalRow> input, TaskContext ctx) {
            this.input = input;
            this.ctx = ctx;
        }

        /**
         * One output row per input row, so whether there is a next row is known without waiting for the engine:
         * a consumer that stops early (LIMIT) never waits for batches it will not read.
         */
        @Override
        public boolean hasNext() {
            if (ready.hasNext() || !inFlight.isEmpty()) return true;
            if (input.hasNext()) return true;
            finishPartition();
            return false;
        }

        @Override
        public InternalRow next() {
            if (!ready.hasNext()) {
                while (inFlight.size() < spec.batchesInFlight() && input.hasNext()) inFlight.add(submitNext());
                if (inFlight.isEmpty()) throw new NoSuchElementException();
                ready = finish(inFlight.poll()).iterator();
            }
            return ready.next();
        }

        private void start() {
            started = true;
            allocator = ROOT.newChildAllocator("hogwild-task-" + (ctx == null ? "driver" : ctx.taskAttemptId()), 0, Long.MAX_VALUE);
            if (ctx != null) ctx.addTaskCompletionListener((TaskCompletionListener) c -> close());
            engine = EngineRegistry.get(spec.engine(), model -> ModelFiles.resolve(model, spec.engine().modelCacheDir()));
            int sharing = engine.enter();
            solver = new BatchSolver(engine.engine(), spec.values(), spec.rowOptions(), spec.rowOptionsMap());
            inputProjection = UnsafeProjection.create(CollectionConverters.asScala(inputs).toSeq(),
                    CollectionConverters.asScala(childOutput).toSeq());
            outputProjection = UnsafeProjection.create(outputSchema);
            inputSchema = ArrowSchemas.input(spec.rowOptions(), spec.rowOptionsMap());
            if (LOG.isInfoEnabled()) {
                LOG.info("hogwild: partition {} (task {}) starts on engine {} shared by {} task(s)", partition(), taskId(),
                        spec.engine().model(), sharing);
            }
        }

        private InFlight submitNext() {
            if (!started) start();
            int size = spec.batchSize();
            List<InternalRow> rows = new ArrayList<>(size);
            try (VectorSchemaRoot in = VectorSchemaRoot.create(inputSchema, allocator)) {
                ArrowWriter writer = ArrowWriter.create(in);
                while (rows.size() < size && input.hasNext()) {
                    InternalRow r = input.next();
                    rows.add(r.copy());
                    writer.write(inputProjection.apply(r));
                }
                writer.finish();
                long t0 = System.nanoTime();
                return new InFlight(rows, solver.submit(in), t0);
            }
        }

        private boolean killed() {
            return ctx != null && ctx.isInterrupted();
        }

        private RuntimeException killedWhileWaiting(CancellationException e) {
            cancelAll();
            if (ctx != null) ctx.killTaskIfInterrupted();
            return e;
        }

        private List<InternalRow> finish(InFlight f) {
            try {
                f.pending.await(this::killed, KILL_POLL_MILLIS);
            } catch (CancellationException e) {
                throw killedWhileWaiting(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw killedWhileWaiting(new CancellationException("interrupted"));
            }
            long millis = (System.nanoTime() - f.startNanos) / 1_000_000;
            List<InternalRow> out = new ArrayList<>(f.rows.size());
            try (VectorSchemaRoot results = VectorSchemaRoot.create(ArrowSchemas.output(), allocator)) {
                f.pending.writeTo(results);
                if (spec.failOnError()) {
                    String error = f.pending.firstError();
                    if (error != null) {
                        cancelAll();
                        throw new HogwildRowException("hogwild_solve could not solve a row and fail_on_error is true: " + error);
                    }
                }
                ArrowColumnVector column = new ArrowColumnVector(results.getVector(ArrowSchemas.RESULT));
                GenericInternalRow holder = new GenericInternalRow(1);
                JoinedRow joined = new JoinedRow();
                for (int i = 0; i < f.rows.size(); i++) {
                    holder.update(0, column.isNullAt(i) ? null : column.getStruct(i));
                    out.add(outputProjection.apply(joined.apply(f.rows.get(i), holder)).copy());
                }
            }
            long[] c = f.pending.counts(); // solved, failed, tokens, nulls
            batchCount++;
            rowCount += f.rows.size();
            solvedCount += c[0];
            errorCount += c[1];
            tokenCount += c[2];
            metrics.rows().add(f.rows.size());
            metrics.solved().add(c[0]);
            metrics.errors().add(c[1]);
            metrics.tokens().add(c[2]);
            metrics.nullPrompts().add(c[3]);
            metrics.batches().add(1);
            metrics.solveTime().add(millis);
            if (LOG.isInfoEnabled()) {
                LOG.info("hogwild: partition {} (task {}) batch {}: {} rows in {} ms ({} solved, {} errors, {} null), {} tokens "
                                + "({} tok/s); partition so far {} rows", partition(), taskId(), batchCount, f.rows.size(), millis,
                        c[0], c[1], c[3], c[2], millis == 0 ? 0 : c[2] * 1000 / millis, rowCount);
            }
            return out;
        }

        private void finishPartition() {
            if (!started || closed) return;
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            LOG.info("hogwild: partition {} (task {}) done: {} rows in {} batches, {} solved, {} errors, {} tokens in {} ms ({} tok/s)",
                    partition(), taskId(), rowCount, batchCount, solvedCount, errorCount, tokenCount, millis,
                    millis == 0 ? 0 : tokenCount * 1000 / millis);
            close();
        }

        private void cancelAll() {
            for (InFlight f : inFlight) f.pending.cancel();
            inFlight.clear();
        }

        /** Task end (success, failure, kill) or partition end: cancel what still runs, release memory. */
        private synchronized void close() {
            if (closed || !started) return;
            closed = true;
            int cancelled = 0;
            for (InFlight f : inFlight) cancelled += f.pending.cancel();
            inFlight.clear();
            if (cancelled > 0) LOG.info("hogwild: partition {} (task {}) cancelled {} unfinished problem(s)", partition(), taskId(), cancelled);
            if (engine != null) engine.leave();
            try {
                allocator.close();
            } catch (RuntimeException e) {
                LOG.warn("hogwild: Arrow memory of task {} not fully released: {}", taskId(), e.getMessage());
            }
        }

        private int partition() {
            return ctx == null ? -1 : ctx.partitionId();
        }

        private long taskId() {
            return ctx == null ? -1 : ctx.taskAttemptId();
        }
    }
}
