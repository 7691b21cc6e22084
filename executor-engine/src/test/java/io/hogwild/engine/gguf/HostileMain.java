package io.hogwild.engine.gguf;

import java.nio.file.Path;

/** Opens each file given and prints one line per file: "OK", or the exception's class and message. */
public final class HostileMain {
    private HostileMain() {}

    public static void main(String[] args) {
        for (String a : args) {
            String line;
            try (GgufFile f = GgufFile.open(Path.of(a))) {
                line = "OK " + f;
            } catch (Throwable t) {
                line = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            System.out.println(line.replace('\n', ' '));
        }
    }
}
