package io.hogwild.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Benchmark charts as PNG files, drawn with XChart. */
public final class Charts {
    private Charts() {}

    /** One line per series: x values and y values of equal length. */
    public record Series(String name, List<Double> x, List<Double> y) {}

    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series) {
        line(png, title, xLabel, yLabel, series, false);
    }

    /** As {@link #line(Path, String, String, String, List)}, with a logarithmic x axis when {@code logX}. */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series, boolean logX) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisMin(0.0); // differences are read against zero, not magnified
        for (Series s : series) chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
        save(chart, png);
    }

    /**
     * Bars, one group per category and one bar per series in each group ({@code series} maps a name to one
     * value per category); stacked when {@code stacked}.
     */
    public static void bars(Path png, String title, String yLabel, List<String> categories, Map<String, List<Double>> series,
                            boolean stacked) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setStacked(stacked);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 20 : 0);
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        save(chart, png);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) {
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
