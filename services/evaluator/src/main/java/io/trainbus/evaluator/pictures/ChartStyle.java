package io.trainbus.evaluator.pictures;

import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

/** Colours and fonts shared by the charts, so that every picture of a report looks alike. */
final class ChartStyle {

    static final Color TRAINING = new Color(0x1f77b4);
    static final Color VALIDATION = new Color(0xd62728);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xd0d0d0);

    private ChartStyle() {
    }

    /** Puts the plot on white with light grey grid lines, which prints and reads better than the grey default. */
    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        }
    }
}
