package io.hogwild.engine.hogwild;

import java.util.List;

/** A worker's steps in order and the tokens it generated. */
public record WorkerTrace(String name, List<StepTrace> steps, int tokens) {}
