package io.trainbus.evaluator.pictures;

import static io.trainbus.evaluator.pictures.PngAssertions.assertPicture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;
import org.junit.jupiter.api.Test;

class PicturesTest {

    private static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    @Test
    void curvesHaveSizeAndContent() throws Exception {
        List<EpochFigures> epochs = List.of(new EpochFigures(1, 2.1, 0.25, 1.9, 0.31),
                new EpochFigures(2, 1.7, 0.38, 1.6, 0.42), new EpochFigures(3, 1.5, 0.46, 1.65, 0.44));

        for (TrainingCurvesChart.Curve curve : TrainingCurvesChart.Curve.values()) {
            byte[] png = TrainingCurvesChart.render(curve, "cnn (job j1)", epochs, 2);
            assertPicture(curve + " curves", png, TrainingCurvesChart.WIDTH, TrainingCurvesChart.HEIGHT);
        }
    }

    @Test
    void bestEpochMarkerChangesPicture() throws Exception {
        List<EpochFigures> epochs = List.of(new EpochFigures(1, 2.1, 0.25, 1.9, 0.31),
                new EpochFigures(2, 1.7, 0.38, 1.6, 0.42));

        byte[] marked = TrainingCurvesChart.render(TrainingCurvesChart.Curve.LOSS, "mlp", epochs, 2);
        byte[] unmarked = TrainingCurvesChart.render(TrainingCurvesChart.Curve.LOSS, "mlp", epochs, 0);

        assertThat(marked).as("PNG with the best-epoch marker").isNotEqualTo(unmarked);
    }

    @Test
    void confusionMatrixHasSizeAndContent() throws Exception {
        int[][] confusion = new int[10][10];
        for (int actual = 0; actual < 10; actual++) {
            confusion[actual][actual] = 40 + actual;
            confusion[actual][(actual + 3) % 10] = 7;
        }

        byte[] png = ConfusionMatrixChart.render("Test confusion matrix of cnn", confusion, CLASSES);

        assertPicture("confusion matrix", png, ConfusionMatrixChart.WIDTH, ConfusionMatrixChart.HEIGHT);
    }

    @Test
    void confusionMatrixDrawsEmptyClass() throws Exception {
        int[][] confusion = new int[10][10];
        confusion[0][0] = 5;

        byte[] png = ConfusionMatrixChart.render("Mostly empty", confusion, CLASSES);

        assertPicture("confusion matrix with empty rows", png, ConfusionMatrixChart.WIDTH,
                ConfusionMatrixChart.HEIGHT);
    }

    @Test
    void experimentOverlayHasSizeAndContent() throws Exception {
        List<ValidationAccuracyChart.JobCurve> jobs = List.of(
                new ValidationAccuracyChart.JobCurve("mlp (x-mlp)", List.of(new EpochFigures(1, 2, 0.3, 1.8, 0.35),
                        new EpochFigures(2, 1.8, 0.36, 1.7, 0.39))),
                new ValidationAccuracyChart.JobCurve("cnn (x-cnn)", List.of(new EpochFigures(1, 1.9, 0.33, 1.5,
                        0.45), new EpochFigures(2, 1.4, 0.5, 1.2, 0.57), new EpochFigures(3, 1.2, 0.58, 1.1, 0.61))));

        byte[] png = ValidationAccuracyChart.render("x", jobs);

        assertPicture("validation accuracy overlay", png, ValidationAccuracyChart.WIDTH,
                ValidationAccuracyChart.HEIGHT);
    }

    @Test
    void imageGridPlacesImagesTwelvePerRow() throws Exception {
        List<ImageRecord> images = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            images.add(flatImage(i % 10, 7 * i, 255 - 7 * i, 100));
        }

        byte[] png = TrainingImageGrid.render(CifarFormat.SHAPE, images, CLASSES);

        BufferedImage grid = assertPicture("training image grid", png, TrainingImageGrid.width(CifarFormat.SHAPE, 36),
                TrainingImageGrid.height(CifarFormat.SHAPE, 36));
        int cellWidth = grid.getWidth() / TrainingImageGrid.COLUMNS;
        int cellHeight = (grid.getHeight() - 6) / 3;
        for (int i : new int[] {0, 11, 12, 35}) {
            int x = i % TrainingImageGrid.COLUMNS * cellWidth + cellWidth / 2;
            int y = i / TrainingImageGrid.COLUMNS * cellHeight + 6 + 10;
            assertThat(grid.getRGB(x, y) & 0xffffff).as("colour inside image %d", i)
                    .isEqualTo(7 * i << 16 | (255 - 7 * i) << 8 | 100);
        }
    }

    @Test
    void greyImageGridDrawsEachPixel() throws Exception {
        ImageShape shape = new ImageShape(28, 28, 1);
        List<ImageRecord> images = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            byte[] pixels = new byte[shape.pixelsPerImage()];
            for (int row = 0; row < 28; row++) {
                for (int column = 0; column < 28; column++) {
                    pixels[shape.index(0, row, column)] = (byte) (i * 16 + row * 4 + column);
                }
            }
            images.add(new ImageRecord(i % 10, pixels));
        }

        byte[] png = TrainingImageGrid.render(shape, images, CLASSES);

        int scale = TrainingImageGrid.scale(shape);
        int cellWidth = 28 * scale + 12;
        assertThat(scale).isEqualTo(3);
        BufferedImage grid = assertPicture("grey image grid", png, 12 * cellWidth,
                TrainingImageGrid.height(shape, 14));
        int cellHeight = (grid.getHeight() - 6) / 2;
        for (int i : new int[] {0, 11, 13}) {
            for (int[] pixel : new int[][] {{0, 0}, {5, 20}, {27, 27}}) {
                int grey = (i * 16 + pixel[0] * 4 + pixel[1]) & 0xff;
                int x = i % TrainingImageGrid.COLUMNS * cellWidth + 6 + pixel[1] * scale + 1;
                int y = i / TrainingImageGrid.COLUMNS * cellHeight + 6 + pixel[0] * scale + 1;
                assertThat(grid.getRGB(x, y) & 0xffffff).as("image %d at row %d, column %d", i, pixel[0], pixel[1])
                        .isEqualTo(grey << 16 | grey << 8 | grey);
            }
        }
    }

    @Test
    void imageGridRejectsNoImages() {
        assertThatThrownBy(() -> TrainingImageGrid.render(CifarFormat.SHAPE, List.of(), CLASSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void imageGridRejectsTwoChannels() {
        ImageShape shape = new ImageShape(4, 4, 2);
        List<ImageRecord> images = List.of(new ImageRecord(0, new byte[shape.pixelsPerImage()]));

        assertThatThrownBy(() -> TrainingImageGrid.render(shape, images, CLASSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x4x2");
    }

    @Test
    void imageGridRejectsPixelsOfAnotherShape() {
        List<ImageRecord> images = List.of(flatImage(1, 10, 20, 30));

        assertThatThrownBy(() -> TrainingImageGrid.render(new ImageShape(28, 28, 1), images, CLASSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3072 pixel values")
                .hasMessageContaining("needs 784");
    }

    @Test
    void historyParsesTrainerDocument() {
        String json = """
                [{"epoch": 1, "loss": 2.0, "accuracy": 0.3, "val_loss": 1.8, "val_accuracy": 0.35, "seconds": 3.0},
                 {"epoch": 2, "loss": 1.5, "accuracy": 0.4, "val_loss": 1.6, "val_accuracy": 0.41}]
                """;

        List<EpochFigures> epochs = EpochFigures.parseHistory(json.getBytes(StandardCharsets.UTF_8), "h.json");

        assertThat(epochs).containsExactly(new EpochFigures(1, 2.0, 0.3, 1.8, 0.35),
                new EpochFigures(2, 1.5, 0.4, 1.6, 0.41));
    }

    @Test
    void historyRejectsNonArray() {
        byte[] json = "{\"epoch\": 1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EpochFigures.parseHistory(json, "jobs/j1/history.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobs/j1/history.json")
                .hasMessageContaining("not a JSON array");
    }

    /** Builds a record whose every pixel has one colour. */
    static ImageRecord flatImage(int label, int red, int green, int blue) {
        byte[] pixels = new byte[CifarFormat.PIXEL_BYTES];
        int[] channels = {red, green, blue};
        for (int channel = 0; channel < 3; channel++) {
            for (int i = 0; i < CifarFormat.PLANE_BYTES; i++) {
                pixels[channel * CifarFormat.PLANE_BYTES + i] = (byte) channels[channel];
            }
        }
        return new ImageRecord(label, pixels);
    }
}
