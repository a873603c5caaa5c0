package io.trainbus.evaluator.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Precision, recall and F1 of one class, computed from a confusion matrix indexed [actual][predicted]. A ratio
 * whose denominator is zero is null, because JSON has no NaN: precision of a class that was never predicted,
 * recall of a class without test images, and F1 when either is null.
 *
 * @param classIndex label index
 * @param className label name
 * @param count test images whose label is this class (the support)
 * @param predicted test images predicted as this class
 * @param correct test images of this class predicted as this class
 * @param precision correct / predicted, in [0, 1] or null
 * @param recall correct / count, in [0, 1] or null; the same as the class's accuracy
 * @param f1 harmonic mean of precision and recall, 0 when both are 0, or null
 */
public record ClassFigures(int classIndex, String className, int count, int predicted, int correct, Double precision,
        Double recall, Double f1) {

    /**
     * Computes the figures of every class.
     *
     * @param confusion counts indexed [actual class][predicted class], square
     * @param classNames one name per row
     * @return one entry per class, in label order
     */
    public static List<ClassFigures> of(int[][] confusion, List<String> classNames) {
        List<ClassFigures> figures = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            int count = 0;
            int predicted = 0;
            for (int other = 0; other < confusion.length; other++) {
                count += confusion[c][other];
                predicted += confusion[other][c];
            }
            int correct = confusion[c][c];
            Double precision = ratio(correct, predicted);
            Double recall = ratio(correct, count);
            figures.add(new ClassFigures(c, classNames.get(c), count, predicted, correct, precision, recall,
                    f1(precision, recall)));
        }
        return figures;
    }

    /**
     * Averages one figure over the classes where it is defined, each class weighing the same (macro average).
     *
     * @param figures per-class figures
     * @param figure which figure: {@code precision}, {@code recall} or {@code f1}
     * @return the mean, or null when no class defines it
     */
    public static Double macroAverage(List<ClassFigures> figures, Function<ClassFigures, Double> figure) {
        double sum = 0;
        int defined = 0;
        for (ClassFigures entry : figures) {
            Double value = figure.apply(entry);
            if (value != null) {
                sum += value;
                defined++;
            }
        }
        return defined == 0 ? null : sum / defined;
    }

    private static Double ratio(int numerator, int denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static Double f1(Double precision, Double recall) {
        if (precision == null || recall == null) {
            return null;
        }
        if (precision + recall == 0) {
            return 0.0;
        }
        return 2 * precision * recall / (precision + recall);
    }
}
