package io.hogwild.jobs.cli;

import io.hogwild.kernels.KvType;
import picocli.CommandLine.Option;

/** {@code --kv-type}: how a command's KV cache stores keys and values. */
final class KvTypeOption {
    @Option(names = "--kv-type", defaultValue = "f32",
            description = "KV cache element type: f32 (default) or f16 (half the cache memory per token)")
    String kvType;

    /** The checked type; a bad value is an error naming the option and the accepted values. */
    KvType get() {
        try {
            return KvType.parse(kvType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kv-type: " + e.getMessage());
        }
    }
}
