package io.trainbus.cli.models;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.trainbus.cli.ExitCodes;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.models.ModelSummary;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code trainbus models} command, which prints the layers and parameter counts of the reference models, sized
 * for the image shape and class count of one dataset.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Prints a Keras-style summary (layers, output shapes, parameters) of each reference model "
                + "for the images and classes of a dataset. Batch-norm moving statistics count as non-trainable "
                + "parameters, as in Keras.")
public class ModelsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME",
            description = "Model to print: mlp, cnn or optimized-cnn. Default: all three.")
    String name;

    @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "cifar-10",
            completionCandidates = DatasetNames.class,
            description = "Dataset whose image shape and class count the models take: ${COMPLETION-CANDIDATES}. "
                    + "Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = ReferenceModels.names();
        if (name != null && !names.contains(name)) {
            spec.commandLine().getErr().printf("Unknown model '%s': use one of %s.%n", name,
                    String.join(", ", names));
            return ExitCodes.INVALID_INPUT;
        }
        Optional<DatasetCatalog.Dataset> known = DatasetCatalog.find(dataset);
        if (known.isEmpty()) {
            spec.commandLine().getErr().printf("Unknown dataset '%s': use one of %s.%n", dataset,
                    String.join(", ", DatasetCatalog.names()));
            return ExitCodes.INVALID_INPUT;
        }
        out.printf("Dataset %s: %s images (height x width x channels), %d classes%n%n", dataset,
                known.get().shape(), known.get().classCount());
        List<String> selected = name == null ? names : List.of(name);
        for (int i = 0; i < selected.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.print(summary(selected.get(i), dataset));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Builds a model with the reference request's settings and renders its summary.
     *
     * @param model a name from {@link ReferenceModels#names()}
     * @param dataset a name from {@link DatasetCatalog#names()}
     * @return the summary table
     */
    static String summary(String model, String dataset) {
        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder()
                .setJobId("summary")
                .setModel(model)
                .setDataset(DatasetSpec.newBuilder().setName(dataset))
                .build());
        MultiLayerNetwork network = ReferenceModels.build(request);
        return ModelSummary.render(network, model);
    }

    /** The catalog's dataset names, which the help text lists. */
    static final class DatasetNames implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return DatasetCatalog.names().iterator();
        }
    }
}
