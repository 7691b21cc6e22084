package io.hogwild.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Benchmark charts as PNG files, drawn with XChart. */
public final class Charts {
    private Charts() {}

    /** One line per series: x values and y values of equal length. */
    public record Series(String name, List<Double> x, List<Double> y) {}

    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(7);
        for (Series s : series) chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
        try {
            BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png, e);
        }
    }

    /** Groups report rows into series by a key and plots one numeric field against another. */
    public static List<Series> group(List<Map<String, Object>> rows, java.util.function.Function<Map<String, Object>, String> key,
                                     String xField, String yField) {
        Map<String, Series> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            Series s = out.computeIfAbsent(key.apply(r), k -> new Series(k, new java.util.ArrayList<>(), new java.util.ArrayList<>()));
            s.x().add(((Number) r.get(xField)).doubleValue());
            s.y().add(((Number) r.get(yField)).doubleValue());
        }
        return List.copyOf(out.values());
    }
}
