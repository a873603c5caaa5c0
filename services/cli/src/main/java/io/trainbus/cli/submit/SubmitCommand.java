package io.trainbus.cli.submit;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.trainbus.cli.BrokerOption;
import io.trainbus.cli.ExitCodes;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestParser;
import io.trainbus.proto.v1.TrainingRequest;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainbus submit}: validates a training request locally, then publishes it. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Validates a training request and publishes it to " + Topics.REQUESTS + ", keyed by job id.",
                "Exit code 2 when the request is invalid (nothing is published), 1 when publishing fails."})
public class SubmitCommand implements Callable<Integer> {

    @Mixin
    RequestOptions requestOptions;

    @Mixin
    BrokerOption broker;

    @Option(names = "--format", defaultValue = "JSON",
            description = "Encoding of the published record: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    RequestPublisher.Format format;

    @Option(names = "--max-request-bytes", defaultValue = "" + RequestParser.MAX_REQUEST_BYTES,
            description = "Largest encoded request published, in bytes; match the ingestion service's "
                    + "trainbus.ingestion.max-request-bytes. Default: ${DEFAULT-VALUE}.")
    int maxRequestBytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingRequest request;
        try {
            request = requestOptions.build(System.currentTimeMillis());
            // Ingestion rejects a larger record, so it is never published.
            RequestParser.checkSize(RequestPublisher.encode(request, format).length, maxRequestBytes);
        } catch (InvalidRequestException e) {
            err.println(e.getMessage() + " Nothing was published.");
            return ExitCodes.INVALID_INPUT;
        }
        try (RequestPublisher publisher = new RequestPublisher(broker.bootstrapServers())) {
            RecordMetadata stored = publisher.publish(request, format);
            out.printf("Submitted job %s (experiment %s, model %s, epochs %d) to %s partition %d offset %d.%n",
                    request.getJobId(), request.getExperimentId(), request.getModel(), request.getEpochs(),
                    stored.topic(), stored.partition(), stored.offset());
            out.printf("Follow it with: trainbus follow --job %s --bootstrap-servers %s%n", request.getJobId(),
                    broker.bootstrapServers());
            return ExitCodes.OK;
        } catch (RequestPublisher.PublishException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
