package io.trainbus.evaluator.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts of one job's training against validation figures by epoch, with the best epoch marked. */
public final class TrainingCurvesChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    /** The figure a chart shows. */
    public enum Curve {
        ACCURACY("Accuracy", EpochFigures::accuracy, EpochFigures::valAccuracy),
        LOSS("Loss (cross-entropy)", EpochFigures::loss, EpochFigures::valLoss);

        private final String label;
        private final ToDoubleFunction<EpochFigures> training;
        private final ToDoubleFunction<EpochFigures> validation;

        Curve(String label, ToDoubleFunction<EpochFigures> training, ToDoubleFunction<EpochFigures> validation) {
            this.label = label;
            this.training = training;
            this.validation = validation;
        }
    }

    private TrainingCurvesChart() {
    }

    /**
     * Draws one figure of a job by epoch.
     *
     * @param curve accuracy or loss
     * @param jobTitle the job as the title names it, for example {@code cnn (job reference-1-cnn)}
     * @param epochs the job's epochs in order
     * @param bestEpoch 1-based epoch of the best checkpoint, 0 when unknown (no marker)
     * @return PNG bytes of {@link #WIDTH} x {@link #HEIGHT} pixels
     */
    public static byte[] render(Curve curve, String jobTitle, List<EpochFigures> epochs, int bestEpoch) {
        XYSeries training = new XYSeries("training");
        XYSeries validation = new XYSeries("validation");
        for (EpochFigures epoch : epochs) {
            training.add(epoch.epoch(), curve.training.applyAsDouble(epoch));
            validation.add(epoch.epoch(), curve.validation.applyAsDouble(epoch));
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(training);
        dataset.addSeries(validation);

        JFreeChart chart = ChartFactory.createXYLineChart(curve.label + " of " + jobTitle, "Epoch", curve.label,
                dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ChartStyle.apply(chart);
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ChartStyle.TRAINING);
        renderer.setSeriesPaint(1, ChartStyle.VALIDATION);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(renderer);
        if (bestEpoch > 0) {
            plot.addDomainMarker(bestEpochMarker(bestEpoch));
        }
        return Png.of(chart, WIDTH, HEIGHT);
    }

    private static ValueMarker bestEpochMarker(int bestEpoch) {
        ValueMarker marker = new ValueMarker(bestEpoch, Color.DARK_GRAY, new BasicStroke(1.5f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel("best epoch " + bestEpoch);
        marker.setLabelFont(ChartStyle.LABEL_FONT);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return marker;
    }
}
