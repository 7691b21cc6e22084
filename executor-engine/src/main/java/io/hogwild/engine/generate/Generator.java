package io.hogwild.engine.generate;

import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.KvCache;
import io.hogwild.engine.cache.View;
import io.hogwild.engine.model.ForwardRow;
import io.hogwild.engine.model.Transformer;
import io.hogwild.engine.sampling.Sampler;
import io.hogwild.engine.tokenizer.StreamingDecoder;
import io.hogwild.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Plain generation: a one-fragment view, chunked prefill, then one token per forward pass. */
public final class Generator {
    private final Transformer transformer;
    private final Tokenizer tokenizer;
    private final KvCache cache;

    public Generator(Transformer transformer, Tokenizer tokenizer, KvCache cache) {
        this.transformer = transformer;
        this.tokenizer = tokenizer;
        this.cache = cache;
    }

    /** Generates after {@code promptIds}, handing each piece of finished text to {@code onText}. */
    public Generation generate(int[] promptIds, GenerateOptions options, Consumer<String> onText) {
        if (promptIds.length == 0) throw new IllegalArgumentException("the prompt is empty");
        int context = transformer.config().contextLength();
        if (promptIds.length >= context) {
            throw new IllegalArgumentException("prompt of " + promptIds.length + " tokens does not fit the model context of " + context);
        }
        Sampler sampler = new Sampler(options.sampling(), new int[0]);
        Set<Integer> stops = options.stopAtEndOfGeneration() ? tokenizer.eogIds() : Set.of();
        StreamingDecoder decoder = tokenizer.streamingDecoder();
        StringBuilder text = new StringBuilder();
        int[] out = new int[options.maxTokens()];
        int produced = 0;
        String stop = "length";
        Fragment f = cache.newFragment();
        try {
            View view = View.of(f);
            long t0 = System.nanoTime();
            float[] logits = null;
            for (int pos = 0; pos < promptIds.length; pos += transformer.maxBatchTokens()) {
                int[] chunk = Arrays.copyOfRange(promptIds, pos, Math.min(promptIds.length, pos + transformer.maxBatchTokens()));
                logits = transformer.forward(List.of(new ForwardRow(view, f, chunk)), cache)[0];
            }
            long t1 = System.nanoTime();
            while (produced < options.maxTokens()) {
                int next = sampler.sample(logits);
                out[produced++] = next;
                if (stops.contains(next)) {
                    stop = "eog";
                    break;
                }
                String piece = decoder.accept(next);
                if (!piece.isEmpty()) {
                    text.append(piece);
                    onText.accept(piece);
                }
                if (produced == options.maxTokens()) break;
                if (f.length() + 1 > context) {
                    stop = "context";
                    break;
                }
                logits = transformer.forward(List.of(new ForwardRow(view, f, new int[] {next})), cache)[0];
            }
            String rest = decoder.flush();
            if (!rest.isEmpty()) {
                text.append(rest);
                onText.accept(rest);
            }
            long t2 = System.nanoTime();
            return new Generation(promptIds.clone(), Arrays.copyOf(out, produced), text.toString(), t1 - t0, t2 - t1, stop);
        } finally {
            cache.release(f);
        }
    }
}
