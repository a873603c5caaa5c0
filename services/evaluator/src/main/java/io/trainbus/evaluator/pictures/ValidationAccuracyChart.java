package io.trainbus.evaluator.pictures;

import java.awt.BasicStroke;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** One line per job of an experiment: validation accuracy by epoch, so the models can be compared at a glance. */
public final class ValidationAccuracyChart {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    /**
     * One job's line.
     *
     * @param label legend entry, for example {@code cnn (reference-1-cnn)}
     * @param epochs the job's epochs in order
     */
    public record JobCurve(String label, List<EpochFigures> epochs) {
    }

    private ValidationAccuracyChart() {
    }

    /**
     * Draws the overlay.
     *
     * @param experimentId the experiment, named in the title
     * @param jobs one curve per job, in legend order
     * @return PNG bytes of {@link #WIDTH} x {@link #HEIGHT} pixels
     */
    public static byte[] render(String experimentId, List<JobCurve> jobs) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (JobCurve job : jobs) {
            // A series key must be unique in a collection; the label contains the job id, which is.
            XYSeries series = new XYSeries(job.label());
            job.epochs().forEach(epoch -> series.add(epoch.epoch(), epoch.valAccuracy()));
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Validation accuracy of experiment " + experimentId,
                "Epoch", "Validation accuracy", dataset, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < jobs.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return Png.of(chart, WIDTH, HEIGHT);
    }
}
