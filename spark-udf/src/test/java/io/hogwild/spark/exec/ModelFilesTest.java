package io.hogwild.spark.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hogwild.spark.ResultSchema;
import io.hogwild.spark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Where models come from: local paths, Hadoop URIs copied once, files shipped with addFile / --files. */
class ModelFilesTest {
    @Test
    void localPathsAndFileUrisAreUsedInPlace() {
        Path model = TestSpark.model();
        assertEquals(model, ModelFiles.resolve(model.toString(), null));
        assertEquals(model, ModelFiles.resolve(model.toUri().toString(), null));
        assertEquals("hdfs", ModelFiles.scheme("hdfs://nn:8020/models/m.gguf"));
        assertEquals("s3a", ModelFiles.scheme("s3a://bucket/m.gguf"));
        assertNull(ModelFiles.scheme("/models/m.gguf"));
        assertNull(ModelFiles.scheme("m.gguf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.resolve(TestSpark.dir().resolve("missing.gguf").toString(), null));
        assertTrue(e.getMessage().startsWith("model file not found on this executor"), e.getMessage());
    }

    @Test
    void hadoopUrisAreCopiedOnceWhileUnchanged() throws Exception {
        Path src = TestSpark.dir().resolve("remote.gguf");
        Files.copy(TestSpark.model(), src, StandardCopyOption.REPLACE_EXISTING);
        Path cache = Files.createTempDirectory(TestSpark.dir(), "cache");
        Path local = ModelFiles.copyToLocal(src.toUri().toString(), cache.toString());
        assertTrue(local.startsWith(cache));
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(local));
        FileTime copiedAt = Files.getLastModifiedTime(local);
        Thread.sleep(20);
        assertEquals(local, ModelFiles.copyToLocal(src.toUri().toString(), cache.toString()));
        assertEquals(copiedAt, Files.getLastModifiedTime(local), "not copied again");
        Files.setLastModifiedTime(src, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertNotEquals(local, ModelFiles.copyToLocal(src.toUri().toString(), cache.toString()), "a changed source is fetched again");
        try (var files = Files.list(cache)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no partial downloads left");
        }
    }

    @Test
    void shippedFilesAreFoundByNameAndMissingModelsFailTheQuery() throws Exception {
        SparkSession spark = TestSpark.spark();
        Path shipped = TestSpark.dir().resolve("ship").resolve("shipped-tiny.gguf");
        Files.createDirectories(shipped.getParent());
        Files.copy(TestSpark.model(), shipped, StandardCopyOption.REPLACE_EXISTING);
        spark.sparkContext().addFile(shipped.toString());
        Row r = spark.sql("SELECT hogwild_solve('What is 5+5?', model => 'shipped-tiny.gguf', max_steps => 2) AS r").first().getAs("r");
        assertNull(r.getString(ResultSchema.ERROR));
        assertEquals(2, r.getInt(ResultSchema.STEPS));

        SparkException e = assertThrows(SparkException.class,
                () -> spark.sql("SELECT hogwild_solve('x', model => '/nowhere/model.gguf') AS r").collectAsList());
        assertTrue(String.valueOf(e.getMessage()).contains("model file not found on this executor: /nowhere/model.gguf"), e.getMessage());
    }
}
