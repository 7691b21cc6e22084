package io.hogwild.engine.hogwild;

/** A problem to solve; {@code id} is the caller's handle, echoed in the solution. */
public record Problem(String id, String text) {}
