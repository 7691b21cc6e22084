package io.hogwild.spark.exec;

import io.hogwild.engine.ModelRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Turns the {@code model} option into a local file on this executor:
 * <ul>
 *   <li>{@code demo}: the generated demo model (written to HOGWILD_HOME on first use);</li>
 *   <li>a URI with a scheme (hdfs://, s3a://, gs://, abfs://, file://, ...): copied once per executor host through
 *       the Hadoop FileSystem into the model cache directory and reused while the source's size and modification
 *       time are unchanged;</li>
 *   <li>a local path that exists on the executor;</li>
 *   <li>the name of a file shipped with {@code --files} / {@code SparkContext.addFile}, found through SparkFiles.</li>
 * </ul>
 */
public final class ModelFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

    private ModelFiles() {}

    public static Path resolve(String model, String cacheDir) {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("no model given");
        if (model.equals("demo")) return ModelRef.resolve("demo");
        String scheme = scheme(model);
        if (scheme != null && !scheme.equals("file")) return copyToLocal(model, cacheDir);
        if (scheme != null) {
            Path p = Path.of(URI.create(model));
            if (Files.isRegularFile(p)) return p;
            return copyToLocal(model, cacheDir); // file:// paths may name a shared mount the JVM sees through Hadoop only
        }
        Path p = Path.of(model);
        if (Files.isRegularFile(p)) return p;
        if (!model.contains("/") && !model.contains("\\")) {
            Path shipped = shipped(model);
            if (shipped != null) return shipped;
        }
        throw new IllegalArgumentException("model file not found on this executor: " + model
                + " (give a path every executor can read, a Hadoop URI such as hdfs://... or s3a://..., ship the file with"
                + " --files and pass its name, or use 'demo')");
    }

    private static Path shipped(String name) {
        try {
            Path p = Path.of(SparkFiles.get(name));
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) { // no SparkEnv (plain JVM)
            return null;
        }
    }

    /** The URI scheme when {@code model} looks like a URI (not a Windows drive letter), else null. */
    static String scheme(String model) {
        int colon = model.indexOf(':');
        if (colon < 2) return null;
        try {
            String s = new URI(model).getScheme();
            return s == null ? null : s.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Copies {@code uri} through the Hadoop FileSystem into {@code cacheDir} (once while the source is unchanged). */
    static synchronized Path copyToLocal(String uri, String cacheDir) {
        try {
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = src.getFileSystem(hadoopConf());
            FileStatus st = fs.getFileStatus(src);
            if (!st.isFile()) throw new IllegalArgumentException("model is not a file: " + uri);
            Path dir = cacheDir != null ? Path.of(cacheDir) : Path.of(System.getProperty("java.io.tmpdir"), "hogwild-models");
            Files.createDirectories(dir);
            String stamp = uri + "|" + st.getLen() + "|" + st.getModificationTime();
            Path local = dir.resolve(digest(stamp) + "-" + src.getName());
            if (Files.isRegularFile(local) && Files.size(local) == st.getLen()) return local;
            long t0 = System.nanoTime();
            Path tmp = Files.createTempFile(dir, "download-", ".part");
            try (InputStream in = fs.open(src)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (Files.size(tmp) != st.getLen()) {
                    throw new IOException("copied " + Files.size(tmp) + " bytes of " + st.getLen());
                }
                Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.info("hogwild: copied model {} ({} MB) to {} in {} ms", uri, st.getLen() >> 20, local, (System.nanoTime() - t0) / 1_000_000);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy model " + uri + " to local disk: " + e.getMessage(), e);
        }
    }

    /** Hadoop settings as Spark would give them: *-site.xml from the classpath plus spark.hadoop.* entries. */
    private static Configuration hadoopConf() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            SparkConf sc = env.conf();
            for (Tuple2<String, String> kv : sc.getAll()) {
                if (kv._1().startsWith("spark.hadoop.")) conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        return conf;
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
