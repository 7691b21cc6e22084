package io.hogwild.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "detokenize", description = "Print the text of a JSON array of token ids.")
final class DetokenizeCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file path, or 'demo'")
    String model;

    @Option(names = {"--ids", "--text"}, required = true, description = "token ids as a JSON array, e.g. [9707,11,1879]")
    String ids;

    @Override
    public Integer call() throws Exception {
        int[] tokens;
        try {
            tokens = new ObjectMapper().readValue(ids, int[].class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("--ids must be a JSON array of integers, got: " + ids);
        }
        System.out.println(TokenizeCommand.tokenizer(model).decode(tokens));
        return 0;
    }
}
