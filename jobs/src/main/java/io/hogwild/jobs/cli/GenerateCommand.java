package io.hogwild.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hogwild.engine.Model;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.generate.GenerateOptions;
import io.hogwild.engine.generate.Generation;
import io.hogwild.engine.generate.Generator;
import io.hogwild.engine.sampling.SamplingParams;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Generate text after a prompt, streaming it as it is produced.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = {"-p", "--prompt"}, required = true)
    String prompt;

    @Option(names = {"-n", "--max-tokens"}, defaultValue = "128")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.8", description = "0 = greedy (default ${DEFAULT-VALUE})")
    float temperature;

    @Option(names = "--top-k", defaultValue = "40")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95")
    float topP;

    @Option(names = "--min-p", defaultValue = "0.05")
    float minP;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--ignore-eos", description = "keep going past end-of-generation tokens")
    boolean ignoreEos;

    @Option(names = "--json", description = "print ids, text and timings as JSON instead of streaming")
    boolean json;

    @Option(names = "--cache-mb", defaultValue = "1024", description = "KV cache budget in MiB")
    long cacheMb;

    @Mixin
    KvTypeOption kvType;

    @Override
    public Integer call() throws Exception {
        SamplingParams sampling = new SamplingParams(temperature, topK, topP, minP, seed);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        io.hogwild.kernels.KvType kv = kvType.get();
        try (Model model = modelOptions.load(); KvCache cache = model.newCache(cacheMb << 20, kv)) {
            int[] ids = model.encodePrompt(prompt);
            if (!json) out.print(prompt);
            Generation g = new Generator(model.transformer(), model.tokenizer(), cache)
                    .generate(ids, new GenerateOptions(maxTokens, sampling, !ignoreEos), piece -> {
                        if (!json) out.print(piece);
                    });
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode o = mapper.createObjectNode();
                o.putPOJO("prompt_ids", g.promptIds());
                o.putPOJO("ids", g.tokens());
                o.put("text", g.text());
                o.put("stop", g.stopReason());
                o.put("prompt_tokens", g.promptIds().length);
                o.put("generated_tokens", g.tokens().length);
                o.put("prefill_tokens_per_s", g.prefillTokensPerSecond());
                o.put("decode_tokens_per_s", g.decodeTokensPerSecond());
                o.put("load_ms", model.loadNanos() / 1e6);
                o.put("backend", model.backend().name());
                o.put("threads", model.backend().threads());
                o.put("kv_type", kv.optionName());
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            } else {
                out.println();
                System.err.printf("%n[%d prompt tokens: %.1f tok/s prefill | %d tokens: %.1f tok/s decode | stop: %s | %s x%d]%n",
                        g.promptIds().length, g.prefillTokensPerSecond(), g.tokens().length, g.decodeTokensPerSecond(),
                        g.stopReason(), model.backend().name(), model.backend().threads());
            }
        }
        return 0;
    }
}
