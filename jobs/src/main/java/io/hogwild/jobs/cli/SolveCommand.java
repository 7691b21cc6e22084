package io.hogwild.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.EngineOptions;
import io.hogwild.engine.hogwild.HogwildEngine;
import io.hogwild.engine.hogwild.Layout;
import io.hogwild.engine.hogwild.Problem;
import io.hogwild.engine.hogwild.SessionListener;
import io.hogwild.engine.hogwild.SessionTrace;
import io.hogwild.engine.hogwild.Solution;
import io.hogwild.engine.hogwild.SolveOptions;
import io.hogwild.engine.hogwild.WorkerTrace;
import io.hogwild.engine.hogwild.prompt.WorkerNames;
import io.hogwild.engine.sampling.SamplingParams;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "solve", description = "Solve one problem with Hogwild! Inference: several workers over one shared cache, "
        + "shown live, then the answer and counts.")
final class SolveCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Parameters(paramLabel = "PROBLEM", description = "the problem text")
    String problem;

    @Option(names = {"-w", "--workers"}, defaultValue = "2", description = "1..8 (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--names", split = ",", description = "worker names (default Alice, Bob, Carol, ...)")
    List<String> names;

    @Option(names = "--layout", defaultValue = "combined", description = "combined, interleaved or contiguous")
    String layout;

    @Option(names = "--max-steps", defaultValue = "2048", description = "budget of sequential forward passes")
    int maxSteps;

    @Option(names = "--temperature", defaultValue = "0.6")
    float temperature;

    @Option(names = "--top-p", defaultValue = "0.95")
    float topP;

    @Option(names = "--top-k", defaultValue = "20")
    int topK;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--quick-check", defaultValue = "1024", description = "tokens between quick checks (0 = never)")
    int quickCheck;

    @Option(names = "--prompt-variant", defaultValue = "default", description = "default, examples, first-person, first-person-examples")
    String promptVariant;

    @Option(names = "--system-as-user", description = "put the collaboration prompt in the user message")
    boolean systemAsUser;

    @Option(names = "--cache-mb", defaultValue = "2048", description = "KV cache budget in MiB")
    long cacheMb;

    @Mixin
    KvTypeOption kvType;

    @Option(names = "--json", description = "print the full trace as JSON instead of the live view")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<String> workerNames = names != null ? WorkerNames.validate(names, names.size()) : WorkerNames.defaults(workers);
        SolveOptions options = SolveOptions.defaults(workerNames.size()).withWorkers(workerNames)
                .withLayout(Layout.parse(layout)).withMaxSteps(maxSteps)
                .withSampling(new SamplingParams(temperature, topK, topP, 0f, seed))
                .withQuickCheckInterval(quickCheck).withPrompt(promptVariant, systemAsUser);
        EngineOptions engineOptions = new EngineOptions(cacheMb << 20, modelOptions.batchTokens, kvType.get());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Model model = modelOptions.load(); HogwildEngine engine = new HogwildEngine(model, engineOptions)) {
            LiveView live = json ? null : new LiveView(out, workerNames, System.console() != null);
            Solution s = engine.submit(new Problem("cli", problem), options, live != null ? live : SessionListener.NONE).get();
            if (live != null) live.flush();
            if (!s.ok()) throw new IllegalArgumentException(s.error());
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
            } else {
                summary(out, s, engine);
            }
        }
        return 0;
    }

    private static void summary(PrintStream out, Solution s, HogwildEngine engine) {
        SessionTrace t = s.trace();
        out.println();
        out.println("answer: " + (s.answer() != null ? s.answer() : "(none)") + "   [stop: " + t.stopReason() + "]");
        StringBuilder perWorker = new StringBuilder();
        for (WorkerTrace w : t.workers()) perWorker.append(w.name()).append(' ').append(w.tokens()).append(", ");
        double seconds = (t.generateMillis() + t.finisherMillis()) / 1000.0;
        out.printf("sequential steps: %d | tokens: %d (%s) | history: %d steps | %.1f tokens/s | prefill %d ms%n",
                t.sequentialSteps(), t.totalTokens(), perWorker.substring(0, Math.max(0, perWorker.length() - 2)),
                t.history().size(), seconds > 0 ? t.totalTokens() / seconds : 0, t.prefillMillis());
    }
}
