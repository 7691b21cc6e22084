package io.hogwild.engine.hogwild;

/** How each worker's view of the shared cache is laid out (the paper's appendix A; DESIGN 2.3). */
public enum Layout {
    /**
     * Shared history of finished steps, then the other workers' unfinished steps under a header, then the
     * worker's own unfinished step under a second header. The default.
     */
    COMBINED,
    /** Shared history of finished steps, then the worker's own unfinished step. */
    INTERLEAVED,
    /** The prompt, every other worker's whole output, then the worker's own whole output; no history. */
    CONTIGUOUS;

    public static Layout parse(String name) {
        for (Layout l : values()) {
            if (l.name().equalsIgnoreCase(name)) return l;
        }
        throw new IllegalArgumentException("unknown layout '" + name + "' (combined, interleaved, contiguous)");
    }
}
