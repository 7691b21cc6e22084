package io.hogwild.jobs.cli;

import io.hogwild.engine.hogwild.SessionListener;
import io.hogwild.engine.hogwild.StepTrace;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers' text as it is written, interleaved line by line with each worker's name in front (in
 * colour on a terminal), so parallel reasoning can be followed as it happens.
 */
final class LiveView implements SessionListener {
    private static final String[] COLOURS = {"\u001b[36m", "\u001b[33m", "\u001b[35m", "\u001b[32m", "\u001b[34m",
            "\u001b[31m", "\u001b[96m", "\u001b[93m"};
    private static final int WIDTH = 100;
    private final PrintStream out;
    private final boolean colour;
    private final Map<String, StringBuilder> lines = new LinkedHashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, Integer> shownStep = new HashMap<>();

    LiveView(PrintStream out, List<String> names, boolean colour) {
        this.out = out;
        this.colour = colour;
        int width = names.stream().mapToInt(String::length).max().orElse(5);
        for (int i = 0; i < names.size(); i++) {
            String label = String.format("%-" + width + "s │ ", names.get(i));
            labels.put(names.get(i), colour ? COLOURS[i % COLOURS.length] + label + "\u001b[0m" : label);
            lines.put(names.get(i), new StringBuilder());
        }
        labels.put("finisher", colour ? "\u001b[1mfinisher\u001b[0m │ " : "finisher │ ");
        lines.put("finisher", new StringBuilder("\\boxed{"));
    }

    @Override
    public synchronized void onText(String worker, int step, String text) {
        StringBuilder b = lines.get(worker);
        Integer previous = shownStep.put(worker, step);
        if (previous == null || previous != step) {
            b.append("[").append(step).append("] ");
            text = text.stripLeading();
        }
        b.append(text);
        emitFullLines(worker, b);
    }

    @Override
    public synchronized void onStepEnd(StepTrace step) {
        StringBuilder b = lines.get(step.worker());
        if (b.toString().isBlank()) {
            b.setLength(0);
        } else {
            print(step.worker(), b.toString().strip());
            b.setLength(0);
        }
    }

    @Override
    public synchronized void onFinisherText(String text) {
        lines.get("finisher").append(text);
    }

    private void emitFullLines(String worker, StringBuilder b) {
        int nl;
        while ((nl = b.indexOf("\n")) >= 0 || b.length() >= WIDTH) {
            int cut = nl >= 0 ? nl : WIDTH;
            String line = b.substring(0, cut);
            b.delete(0, nl >= 0 ? nl + 1 : cut);
            if (!line.isBlank()) print(worker, line);
        }
    }

    private void print(String worker, String line) {
        out.println(labels.get(worker) + line);
    }

    /** Prints what is left of every worker's line. */
    synchronized void flush() {
        lines.forEach((worker, b) -> {
            if (!b.toString().isBlank() && !(worker.equals("finisher") && b.length() == "\\boxed{".length())) {
                print(worker, b.toString().strip());
            }
            b.setLength(0);
        });
    }
}
