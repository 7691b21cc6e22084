package io.hogwild.engine.hogwild;

/**
 * Live view of a run, called on the engine's scheduler thread as text is produced: keep it quick.
 */
public interface SessionListener {
    SessionListener NONE = new SessionListener() {};

    /** A worker wrote {@code text} (a piece of its current step; the first piece follows its step prefix). */
    default void onText(String worker, int step, String text) {}

    /** A worker finished step {@code step}; it now enters the shared history. */
    default void onStepEnd(StepTrace step) {}

    /** The finisher wrote {@code text} after "\boxed{". */
    default void onFinisherText(String text) {}
}
