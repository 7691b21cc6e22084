package io.hogwild.engine.hogwild;

/**
 * Token ids a session inserts, tokenized once by the engine.
 *
 * @param problem      the problem part of the prompt (after the engine's shared system prefix)
 * @param othersHeader the header above the other workers' unfinished steps (combined layout)
 * @param ownSeparator the cut-off mark and header above the worker's own step (combined layout)
 * @param quickCheck   "Quick check: am I doing redundant work? (yes/no): "
 * @param finisher     the finisher's text ending in "\boxed{"
 */
public record SessionPrompt(int[] problem, int[] othersHeader, int[] ownSeparator, int[] quickCheck, int[] finisher) {}
