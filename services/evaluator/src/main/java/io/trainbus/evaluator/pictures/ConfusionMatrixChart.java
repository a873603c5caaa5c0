package io.trainbus.evaluator.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The confusion matrix as a heat map: actual classes as rows from top to bottom, predicted classes as columns. A
 * cell's colour is its share of the row (the fraction of that class's images predicted as the column), so classes
 * with few test images read as clearly as large ones, and the cell shows the image count.
 */
public final class ConfusionMatrixChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 800;
    private static final Color LOW = Color.WHITE;
    private static final Color HIGH = new Color(0x08306b);
    private static final Font COUNT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ConfusionMatrixChart() {
    }

    /**
     * Draws the heat map.
     *
     * @param title chart title
     * @param confusion counts indexed [actual class][predicted class], square
     * @param classNames one name per row, in label order
     * @return PNG bytes of {@link #WIDTH} x {@link #HEIGHT} pixels
     */
    public static byte[] render(String title, int[][] confusion, List<String> classNames) {
        int classes = confusion.length;
        double[][] cells = new double[3][classes * classes];
        XYPlot plot = new XYPlot();
        for (int actual = 0; actual < classes; actual++) {
            int rowTotal = 0;
            for (int count : confusion[actual]) {
                rowTotal += count;
            }
            for (int predicted = 0; predicted < classes; predicted++) {
                int cell = actual * classes + predicted;
                double share = rowTotal == 0 ? 0 : (double) confusion[actual][predicted] / rowTotal;
                cells[0][cell] = predicted;
                cells[1][cell] = actual;
                cells[2][cell] = share;
                XYTextAnnotation count = new XYTextAnnotation(String.valueOf(confusion[actual][predicted]),
                        predicted, actual);
                count.setFont(COUNT_FONT);
                count.setPaint(share > 0.5 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(count);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("share of actual class", cells);
        plot.setDataset(dataset);

        String[] names = classNames.toArray(String[]::new);
        SymbolAxis predictedAxis = new SymbolAxis("Predicted class", names);
        predictedAxis.setVerticalTickLabels(true);
        SymbolAxis actualAxis = new SymbolAxis("Actual class", names);
        actualAxis.setInverted(true);
        plot.setDomainAxis(predictedAxis);
        plot.setRangeAxis(actualAxis);

        XYBlockRenderer renderer = new XYBlockRenderer();
        PaintScale scale = new BlueScale();
        renderer.setPaintScale(scale);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis("Share of the actual class's test images");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(8, 8, 8, 8);
        chart.addSubtitle(legend);
        return Png.of(chart, WIDTH, HEIGHT);
    }

    /** Interpolates linearly from white at 0 to dark blue at 1. */
    private static final class BlueScale implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            return new Color(mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t),
                    mix(LOW.getBlue(), HIGH.getBlue(), t));
        }

        private static int mix(int from, int to, double t) {
            return (int) Math.round(from + (to - from) * t);
        }
    }
}
