package io.hogwild.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hogwild.kernels.ggml.GgmlType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class GgufHostileTest {
    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> eachHostileFileFailsWithAPreciseMessage() throws Exception {
        return HostileCases.all(dir).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            GgufException e = assertThrows(GgufException.class, () -> GgufFile.open(c.file()).close());
            assertTrue(e.getMessage().contains(c.expected()), () -> "message: " + e.getMessage());
            assertTrue(e.getMessage().contains(c.file().toString()), () -> "names the file: " + e.getMessage());
        }));
    }

    /** Every hostile file again, in a JVM with a 24 MB heap: counts are checked before anything is allocated. */
    @Test
    void hostileFilesFailTheSameWayUnderASmallHeap() throws Exception {
        List<HostileCases.Case> cases = HostileCases.all(dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                HostileMain.class.getName()));
        for (HostileCases.Case c : cases) cmd.add(c.file().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> String.join("\n", lines));
        assertEquals(cases.size(), lines.size(), () -> String.join("\n", lines));
        for (int i = 0; i < cases.size(); i++) {
            String line = lines.get(i);
            HostileCases.Case c = cases.get(i);
            assertTrue(line.startsWith("GgufException: ") && line.contains(c.expected()), () -> c + ": " + line);
        }
    }

    private static Path goodFile(Path file) {
        new GgufWriter()
                .put("general.architecture", "llama")
                .putUint32("llama.context_length", 4096)
                .put("tokenizer.ggml.tokens", new String[] {"a", "b", "c"})
                .putArray("tokenizer.ggml.token_type", GgufValueType.INT32, new int[] {1, 1, 3})
                .put("nested", new Object[] {new int[] {1, 2}, new String[] {"x"}})
                .addTensor("a", GgmlType.F32, new long[] {8, 2}, new float[16])
                .addTensor("b", GgmlType.F16, new long[] {4}, new float[4])
                .write(file);
        return file;
    }

    @Test
    void everyTruncationFailsCleanly() throws Exception {
        byte[] good = Files.readAllBytes(goodFile(dir.resolve("good.gguf")));
        long lastTensorEnd;
        try (GgufFile f = GgufFile.open(dir.resolve("good.gguf"))) {
            GgufTensor last = f.tensors().get(f.tensors().size() - 1);
            lastTensorEnd = last.offset() + last.bytes();
        }
        Path cut = dir.resolve("cut.gguf");
        for (int len = 0; len < lastTensorEnd; len++) {
            Files.write(cut, Arrays.copyOf(good, len));
            int n = len;
            GgufException e = assertThrows(GgufException.class, () -> GgufFile.open(cut).close(), () -> "length " + n);
            String m = e.getMessage();
            assertTrue(m.contains("truncated") || m.contains("exceeds") || m.contains("is impossible"),
                    () -> "length " + n + ": " + m);
        }
        // The padding after the last tensor is optional for this reader.
        for (long len = lastTensorEnd; len <= good.length; len++) {
            Files.write(cut, Arrays.copyOf(good, (int) len));
            GgufFile.open(cut).close();
        }
    }

    /** Random corruption of header bytes: the file opens, or fails with a GgufException; nothing else. */
    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws Exception {
        byte[] good = Files.readAllBytes(goodFile(dir.resolve("fuzz-good.gguf")));
        int headerEnd;
        try (GgufFile f = GgufFile.open(dir.resolve("fuzz-good.gguf"))) {
            headerEnd = (int) f.dataOffset();
        }
        Random rnd = new Random(42);
        Path bad = dir.resolve("fuzz.gguf");
        int failures = 0;
        for (int iter = 0; iter < 1000; iter++) {
            byte[] b = good.clone();
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(headerEnd);
                switch (rnd.nextInt(3)) {
                    case 0: b[at] ^= (byte) (1 << rnd.nextInt(8)); break;
                    case 1: b[at] = (byte) rnd.nextInt(256); break;
                    default: // a large little-endian number where a length or count may be
                        for (int j = 0; j < 8 && at + j < headerEnd; j++) b[at + j] = (byte) (j < 5 ? 0x7F : 0);
                }
            }
            Files.write(bad, b);
            try {
                GgufFile.open(bad).close();
            } catch (GgufException e) {
                failures++;
                assertTrue(e.getMessage().contains(bad.toString()), e::getMessage);
            } catch (Throwable t) {
                fail("iteration " + iter + " escaped as " + t, t);
            }
        }
        assertTrue(failures > 300, "most corruptions are detected: " + failures);
    }
}
