package io.hogwild.engine.hogwild;

import io.hogwild.engine.Model;
import io.hogwild.engine.hogwild.prompt.ChatFormat;
import io.hogwild.engine.hogwild.prompt.CollaborationPrompt;
import io.hogwild.engine.hogwild.prompt.HogwildPrompt;
import io.hogwild.engine.model.Architecture;
import io.hogwild.engine.model.ForwardPass;
import io.hogwild.engine.model.ModelConfig;
import io.hogwild.engine.model.ModelWeights;
import io.hogwild.engine.model.RandomWeights;
import io.hogwild.engine.model.Transformer;
import io.hogwild.engine.sampling.SamplingParams;
import io.hogwild.engine.tokenizer.Tokenizer;
import io.hogwild.kernels.Backend;
import io.hogwild.kernels.Rope;
import io.hogwild.kernels.ggml.GgmlType;
import io.hogwild.kernels.scalar.ScalarBackend;
import java.util.List;
import java.util.function.Function;

/** A tiny real Qwen3-architecture model with the real Qwen3 tokenizer, for session tests. */
final class SessionHarness {
    static final Tokenizer TOKENIZER = Tokenizer.qwen3();
    private static Model tiny;

    private SessionHarness() {}

    static synchronized Model tinyModel() {
        if (tiny == null) tiny = model(new ScalarBackend(), 1, 16);
        return tiny;
    }

    static Model model(Backend backend, int layers, int dim) {
        ModelConfig c = new ModelConfig(Architecture.QWEN3, dim, layers, 2, 1, 16, 2 * dim, TOKENIZER.vocabSize(), 4096,
                1e-6f, new Rope(16, 16, true, Rope.frequencies(16, 10000.0)));
        ModelWeights w = ModelWeights.load(c, RandomWeights.source(c, 3, GgmlType.F32, true, false), backend);
        return Model.of(null, TOKENIZER, new Transformer(c, w, backend, 512));
    }

    static SolveOptions greedy(int workers) {
        return SolveOptions.defaults(workers).withSampling(SamplingParams.greedy()).withQuickCheckInterval(0).withMaxSteps(60);
    }

    /** Runs one problem through an engine whose passes go through {@code wrap}. */
    static Solution solve(String problem, SolveOptions options, Function<ForwardPass, ForwardPass> wrap) throws Exception {
        Model m = tinyModel();
        try (HogwildEngine engine = new HogwildEngine(m, new EngineOptions(256L << 20, 512), wrap.apply(m.transformer()))) {
            return engine.solve(List.of(new Problem("p", problem)), options).get(0);
        }
    }

    /** The text before the workers' fragments: the chat-formatted collaboration prompt and problem. */
    static String promptText(String problem, List<String> names) {
        String system = CollaborationPrompt.named("default").render(names, HogwildPrompt.OTHERS_HEADER.strip(),
                HogwildPrompt.OWN_HEADER.strip());
        return ChatFormat.CHATML.render(system, problem, true);
    }
}
