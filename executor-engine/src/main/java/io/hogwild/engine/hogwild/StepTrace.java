package io.hogwild.engine.hogwild;

/**
 * One step of one worker as it happened.
 *
 * @param number     the step's number in the worker's prefix "**Name [number]:** " (from 1)
 * @param text       what the worker wrote in the step, including the token that ended it
 * @param tokens     tokens the worker generated in the step (inserted prefixes not counted)
 * @param firstPass  index of the forward pass that produced its first token (-1 if none yet)
 * @param lastPass   index of the pass that produced its last token
 * @param quickCheck whether "Quick check: ..." was inserted after the prefix
 * @param committed  whether it reached the shared history (false for a step cut off by the end)
 */
public record StepTrace(String worker, int number, String text, int tokens, int firstPass, int lastPass,
                        boolean quickCheck, boolean committed) {}
