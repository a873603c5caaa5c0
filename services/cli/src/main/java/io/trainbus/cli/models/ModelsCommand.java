package io.trainbus.cli.models;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.trainbus.cli.ExitCodes;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.models.ModelSummary;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trainbus models}: prints the layers and parameter counts of the reference models. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Prints a Keras-style summary (layers, output shapes, parameters) of each reference model. "
                + "Batch-norm moving statistics count as non-trainable parameters, as in Keras.")
public class ModelsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME",
            description = "Model to print: mlp, cnn or optimized-cnn. Default: all three.")
    String name;

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
        List<String> selected = name == null ? names : List.of(name);
        for (int i = 0; i < selected.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.print(summary(selected.get(i)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Builds a model with the reference request's settings and renders its summary.
     *
     * @param model a name from {@link ReferenceModels#names()}
     * @return the summary table
     */
    static String summary(String model) {
        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder()
                .setJobId("summary")
                .setModel(model)
                .build());
        MultiLayerNetwork network = ReferenceModels.build(request);
        return ModelSummary.render(network, model);
    }
}
