package io.hogwild.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How much of a file the OS page cache holds, and dropping it from there, through standard Linux tools
 * (util-linux {@code fincore}; coreutils {@code sync FILE} and {@code dd iflag=nocache count=0}, which asks
 * the kernel to drop the file's clean pages: no root needed). Where a tool is missing the answer is null
 * or false, never a guess.
 */
public final class PageCache {
    private PageCache() {}

    /** Fraction of the file's bytes resident in the page cache, or null when fincore is not available. */
    public static Double residentFraction(Path file) {
        String out = exec(List.of("fincore", "--bytes", "--noheadings", "--output", "RES,SIZE", file.toString()));
        if (out == null) return null;
        String[] f = out.trim().split("\\s+");
        if (f.length != 2) return null;
        long res = Long.parseLong(f[0]);
        long size = Long.parseLong(f[1]);
        return size == 0 ? 0.0 : Math.min(1.0, (double) res / size);
    }

    /** Writes back and drops the file's cached pages; true when both commands succeeded. */
    public static boolean evict(Path file) {
        return exec(List.of("sync", file.toString())) != null
                && exec(List.of("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")) != null;
    }

    /** The command's output, or null when it cannot run or fails. */
    private static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
