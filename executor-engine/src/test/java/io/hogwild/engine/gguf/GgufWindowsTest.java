package io.hogwild.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.kernels.TensorBytes;
import io.hogwild.kernels.ggml.GgmlType;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapping windows: row slices inside one window, straddling slices copied, offsets beyond 2 and 4 GB. */
class GgufWindowsTest {
    @TempDir
    Path dir;

    private static final int WINDOW = 4096;

    @Test
    void chunksAreWholeRowsOrWholeRowGroups() {
        assertEquals(4032, MappedTensorBytes.chunkSize(192, 4096), "21 rows of 192 bytes");
        assertEquals(4096, MappedTensorBytes.chunkSize(32, 4096), "64 rows of 32 bytes");
        assertEquals(4096, MappedTensorBytes.chunkSize(8192, 4096), "a row larger than the window");
        assertEquals((1L << 30) - (1L << 30) % (34 * 64), MappedTensorBytes.chunkSize(34, 1L << 30));
        long q8Row = GgmlType.Q8_0.bytesFor(5120); // 5440 bytes
        long c = MappedTensorBytes.chunkSize(q8Row, 1L << 30);
        assertEquals(0, c % (q8Row * 64));
        assertTrue(c > (1L << 30) - q8Row * 64 && c <= 1L << 30);
    }

    /** Bytes of a tensor where byte i is a known function of i. */
    private static byte pattern(long i) {
        return (byte) (i * 131 + (i >>> 8) * 7 + (i >>> 32));
    }

    private Path patternFile(String name, GgmlType type, long[] dims) {
        Path p = dir.resolve(name);
        long elements = 1;
        for (long d : dims) elements *= d;
        long bytes = type.bytesFor(elements);
        new GgufWriter().put("pad", "shift the data off any window boundary ...")
                .addTensor("first", GgmlType.F32, new long[] {5}, new float[5])
                .addTensor("t", type, dims, out -> {
                    ByteBuffer b = ByteBuffer.allocate(1000);
                    for (long i = 0; i < bytes; ) {
                        b.clear();
                        while (b.hasRemaining() && i < bytes) b.put(pattern(i++));
                        b.flip();
                        while (b.hasRemaining()) out.write(b);
                    }
                }).write(p);
        return p;
    }

    private static void assertPattern(ByteBuffer b, long from, int length) {
        assertEquals(length, b.remaining());
        assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
        for (int i = 0; i < length; i++) {
            if (b.get(b.position() + i) != pattern(from + i)) {
                throw new AssertionError("byte " + (from + i) + " of the slice at " + from + "+" + length);
            }
        }
    }

    @Test
    void rowSlicesNeverCrossAWindowAndAreNotCopied() throws Exception {
        int cols = 48, rows = 700; // 192-byte rows, 134 kB over 34 windows of 4032 bytes
        Path p = patternFile("rows.gguf", GgmlType.F32, new long[] {cols, rows});
        try (GgufFile f = GgufFile.open(p, WINDOW)) {
            GgufTensor t = f.requireTensor("t");
            TensorBytes d = f.data(t);
            for (int r = 0; r < rows; r++) {
                ByteBuffer row = d.slice(r * t.rowBytes(), (int) t.rowBytes());
                assertTrue(row.isDirect(), "row " + r + " is a view of the mapping, not a copy");
                assertPattern(row, r * t.rowBytes(), (int) t.rowBytes());
            }
        }
    }

    @Test
    void alignedGroupsOf64RowsStayInOneWindow() throws Exception {
        int cols = 16, rows = 64 * 10; // F16: 32-byte rows, 64 rows fill a 4 kB window exactly
        Path p = patternFile("groups.gguf", GgmlType.F16, new long[] {cols, rows});
        try (GgufFile f = GgufFile.open(p, WINDOW)) {
            GgufTensor t = f.requireTensor("t");
            TensorBytes d = f.data(t);
            for (int g = 0; g < rows / 64; g++) {
                ByteBuffer group = d.slice(g * 64 * t.rowBytes(), (int) (64 * t.rowBytes()));
                assertTrue(group.isDirect());
                assertPattern(group, g * 64 * t.rowBytes(), (int) (64 * t.rowBytes()));
            }
        }
    }

    @Test
    void arbitrarySlicesAcrossWindowsAreCopiedCorrectly() throws Exception {
        Path p = patternFile("any.gguf", GgmlType.F32, new long[] {48, 700});
        Random rnd = new Random(7);
        try (GgufFile f = GgufFile.open(p, WINDOW)) {
            GgufTensor t = f.requireTensor("t");
            TensorBytes d = f.data(t);
            int straddled = 0;
            for (int i = 0; i < 2000; i++) {
                int len = rnd.nextInt(3 * WINDOW);
                long off = (long) (rnd.nextDouble() * (t.bytes() - len));
                ByteBuffer b = d.slice(off, len);
                if (!b.isDirect()) straddled++;
                assertPattern(b, off, len);
            }
            assertTrue(straddled > 100, "many slices crossed a window: " + straddled);
            ByteBuffer whole = d.slice(0, (int) t.bytes());
            assertPattern(whole, 0, (int) t.bytes());
            assertEquals(0, d.slice(t.bytes(), 0).remaining());
        }
    }

    @Test
    void rowsLargerThanTheWindowAreAssembled() throws Exception {
        Path p = patternFile("wide.gguf", GgmlType.F32, new long[] {3000, 5}); // 12 kB rows
        try (GgufFile f = GgufFile.open(p, WINDOW)) {
            GgufTensor t = f.requireTensor("t");
            for (int r = 0; r < 5; r++) {
                assertPattern(f.data(t).slice(r * t.rowBytes(), (int) t.rowBytes()), r * t.rowBytes(), (int) t.rowBytes());
            }
        }
    }

    @Test
    void concurrentSlicingSharesTheMappings() throws Exception {
        Path p = patternFile("threads.gguf", GgmlType.F32, new long[] {48, 700});
        try (GgufFile f = GgufFile.open(p, WINDOW)) {
            GgufTensor t = f.requireTensor("t");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    int seed = k;
                    fs.add(pool.submit(() -> {
                        Random rnd = new Random(seed);
                        TensorBytes d = f.data(t);
                        for (int i = 0; i < 3000; i++) {
                            int r = rnd.nextInt(700);
                            assertPattern(d.slice(r * t.rowBytes(), (int) t.rowBytes()), r * t.rowBytes(),
                                    (int) t.rowBytes());
                        }
                    }));
                }
                for (Future<?> x : fs) x.get();
            } finally {
                pool.shutdown();
            }
        }
    }

    /** A 6 GB tensor starting past 4 GB, over a mapper that synthesises the bytes: no int offsets anywhere. */
    @Test
    void offsetsBeyondFourGigabytesWithoutAFile() {
        long start = (1L << 32) + 96, size = 6L << 30;
        AtomicInteger maps = new AtomicInteger();
        List<long[]> mapped = new ArrayList<>();
        MappedTensorBytes d = new MappedTensorBytes("big", start, size, 5440, 1 << 20, (pos, len) -> {
            maps.incrementAndGet();
            synchronized (mapped) {
                mapped.add(new long[] {pos, len});
            }
            ByteBuffer b = ByteBuffer.allocate((int) len);
            for (int i = 0; i < len; i++) b.put(i, pattern(pos - start + i));
            return b;
        });
        long chunk = d.chunkBytes();
        assertEquals(0, chunk % (5440 * 64), "whole groups of 64 rows");
        long[] offsets = {0, (1L << 31) - 5, (1L << 31) + 7, (1L << 32) + 1, size - 5440, chunk * 100 - 3};
        for (long off : offsets) {
            assertPattern(d.slice(off, 5440), off, 5440);
        }
        int before = maps.get();
        assertPattern(d.slice(offsets[2] + 1, 100), offsets[2] + 1, 100);
        assertEquals(before, maps.get(), "an already mapped window is reused");
        for (long[] m : mapped) {
            assertTrue(m[0] >= start && m[1] <= chunk && (m[0] - start) % chunk == 0, "windows counted from the tensor start");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(size - 10, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(Long.MAX_VALUE - 2, 10));
    }

    /** A sparse 8 GB file: the data of the second tensor lies past 8 GB, the first exceeds readFloats's limit. */
    @Test
    void realFileLargerThanEightGigabytes() throws Exception {
        Path p = dir.resolve("sparse.gguf");
        long[] bigDims = {1024, 2_097_153}; // 2^31 + 1024 floats, 8 GiB + 4 kB
        long bigBytes = 4L * 1024 * 2_097_153;
        GgufBytes h = GgufBytes.header(3, 2, 1).key("general.architecture", GgufValueType.STRING).str("sparse")
                .tensorInfo("big", bigDims, GgmlType.F32.id, 0)
                .tensorInfo("small", new long[] {4}, GgmlType.F32.id, bigBytes)
                .padTo(32);
        long dataOffset = h.size();
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.write(h.bytes());
            raf.setLength(dataOffset + bigBytes + 16); // sparse: costs no disk
            ByteBuffer small = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(1).putFloat(-2).putFloat(3.5f).putFloat(1e9f).flip();
            raf.getChannel().write(small, dataOffset + bigBytes);
            ByteBuffer marker = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(42f).flip();
            raf.getChannel().write(marker, dataOffset + bigBytes - 4096 * 4 + 8); // in the last row
        }
        try (GgufFile f = GgufFile.open(p)) {
            GgufTensor big = f.requireTensor("big");
            GgufTensor small = f.requireTensor("small");
            assertEquals(dataOffset + bigBytes, small.offset());
            assertEquals(2_097_153, big.rows());
            assertEquals(1024, big.cols());
            assertArrayEquals(new float[] {1, -2, 3.5f, 1e9f}, f.readFloats(small));
            GgufException e = assertThrows(GgufException.class, () -> f.readFloats(big));
            assertTrue(e.getMessage().contains("2147484672 elements"), e.getMessage());

            TensorBytes d = f.data(big);
            assertEquals(bigBytes, d.size());
            long lastRows = (big.rows() - 4L) * big.rowBytes();
            ByteBuffer tail = d.slice(lastRows, 4 * (int) big.rowBytes());
            assertEquals(42f, tail.getFloat(8), 0f, "the marker written near the end of the file");
            ByteBuffer row = d.slice((3L << 30) + 4096 * 5, 4096);
            assertTrue(row.isDirect());
            assertFalse(row.hasArray());
            assertEquals(0f, row.getFloat(100), 0f);
        }
    }
}
