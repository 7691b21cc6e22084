package io.hogwild.kernels;

import io.hogwild.kernels.cpu.CpuBackend;
import io.hogwild.kernels.scalar.ScalarBackend;

/** Chooses a backend by name. */
public final class Backends {
    private Backends() {}

    /**
     * @param name    "cpu" (Vector API kernels when the jdk.incubator.vector module is present, plain Java
     *                otherwise) or "scalar" (the single-threaded reference)
     * @param threads compute threads for "cpu"
     */
    public static Backend create(String name, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        switch (name) {
            case "cpu": return new CpuBackend(threads);
            case "scalar": return new ScalarBackend();
            default: throw new IllegalArgumentException("unknown backend '" + name + "' (cpu, scalar)");
        }
    }

    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
