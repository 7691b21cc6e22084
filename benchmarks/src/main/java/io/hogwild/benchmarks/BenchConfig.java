package io.hogwild.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Run settings shared by every benchmark class (JMH reads class-level annotations from superclasses):
 * throughput in calls per second, one fork that gets the JVM flags the kernels need. Warm-up is long
 * because the Vector API kernels run about a thousand times slower until C2 has compiled them, which
 * takes a few seconds (one call of a large case can last a whole second before that).
 *
 * <p>The fork flags are the parent pom's {@code hogwild.jvm.flags}, word for word (ForkFlagsTest checks
 * it). Without {@code --add-modules=jdk.incubator.vector} the CPU backend silently falls back to its
 * plain-Java kernels, so note that JMH's {@code -jvmArgsAppend} option <em>replaces</em> this list rather
 * than adding to it; pass extra flags with {@code -jvmArgs} instead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        "-XX:+IgnoreUnrecognizedVMOptions",
        "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "-Xss4m"})
public abstract class BenchConfig {
}
