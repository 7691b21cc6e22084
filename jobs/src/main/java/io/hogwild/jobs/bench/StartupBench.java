package io.hogwild.jobs.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up cost of a model: each run is a fresh child JVM ({@link StartupProbe}) with this JVM's java,
 * flags and class path, so no JIT state or heap carries over between runs. Run 1 follows an attempt to
 * drop the file from the OS page cache, later runs find it cached; the cached fraction is measured
 * before every run.
 */
public final class StartupBench {
    private StartupBench() {}

    public static List<Map<String, Object>> run(String label, Path file, int runs, boolean evict, int threads, long cacheMb)
            throws IOException, InterruptedException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            boolean evicted = run == 1 && evict && PageCache.evict(file);
            Double cached = PageCache.residentFraction(file);
            long t0 = System.nanoTime();
            Map<String, Object> child = child(file, threads, cacheMb);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", label);
            r.put("file", file.toString());
            r.put("run", run);
            r.put("evicted_before", evicted);
            r.put("page_cache_fraction_before", cached);
            r.putAll(child);
            r.put("process_wall_s", (System.nanoTime() - t0) / 1e9);
            out.add(r);
        }
        return out;
    }

    /** The JVM flags the children get: this JVM's, less a debugger agent (its port would clash). */
    public static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")) flags.add(a);
        }
        return flags;
    }

    private static Map<String, Object> child(Path file, int threads, long cacheMb) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StartupProbe.class.getName());
        cmd.add(file.toAbsolutePath().toString());
        cmd.add(Integer.toString(threads));
        cmd.add(Long.toString(cacheMb));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String json = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(StartupProbe.PREFIX)) json = line.substring(StartupProbe.PREFIX.length());
                else other.add(line);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) p.destroyForcibly().waitFor();
        if (p.exitValue() != 0 || json == null) {
            throw new IllegalStateException("start-up probe for " + file + " failed (exit " + p.exitValue() + "): "
                    + String.join("\n", other));
        }
        other.forEach(System.err::println);
        return new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() {});
    }
}
