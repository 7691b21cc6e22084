package io.hogwild.engine.generate;

/**
 * The outcome of a plain generation: new token ids and text, and timings of the two phases.
 *
 * @param stopReason "eog" (end-of-generation token), "length" (max tokens) or "context" (context full)
 */
public record Generation(int[] promptIds, int[] tokens, String text, long prefillNanos, long decodeNanos, String stopReason) {

    public double prefillTokensPerSecond() {
        return prefillNanos == 0 ? 0 : promptIds.length * 1e9 / prefillNanos;
    }

    /** Decode rate: tokens after the first (which the prefill pass produced) over decode time. */
    public double decodeTokensPerSecond() {
        return decodeNanos == 0 || tokens.length < 2 ? 0 : (tokens.length - 1) * 1e9 / decodeNanos;
    }
}
