package io.hogwild.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/** The benchmark forks get exactly the JVM flags the rest of the build runs the kernels with. */
class ForkFlagsTest {
    @Test
    void forkFlagsMatchParentPom() {
        String flags = System.getProperty("hogwild.jvm.flags");
        assertNotNull(flags, "surefire passes the parent pom's hogwild.jvm.flags");
        Fork fork = BenchConfig.class.getAnnotation(Fork.class);
        assertEquals(flags.trim(), String.join(" ", fork.jvmArgsAppend()),
                "update @Fork(jvmArgsAppend) in BenchConfig to the parent pom's hogwild.jvm.flags");
        for (Class<?> c : new Class<?>[] {MatmulBench.class, AttentionBench.class, ElementwiseBench.class}) {
            assertEquals(BenchConfig.class, c.getSuperclass(), c + " takes its run settings from BenchConfig");
        }
    }
}
