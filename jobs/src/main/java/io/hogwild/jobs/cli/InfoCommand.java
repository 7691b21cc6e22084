package io.hogwild.jobs.cli;

import io.hogwild.engine.ModelRef;
import io.hogwild.engine.gguf.GgufFile;
import io.hogwild.engine.gguf.GgufInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Print a GGUF file's metadata and tensor table.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "GGUF file, or 'demo'")
    String file;

    @Override
    public Integer call() {
        try (GgufFile f = GgufFile.open(ModelRef.resolve(file))) {
            System.out.print(GgufInfo.describe(f));
        }
        return 0;
    }
}
