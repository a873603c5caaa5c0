package io.trainbus.cli;

import picocli.CommandLine.Option;

/** The {@code --bootstrap-servers} option of the commands that talk to Kafka. */
public class BrokerOption {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers. Default: $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092.")
    String bootstrapServers;

    /** @return the bootstrap servers, comma-separated {@code host:port} pairs */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
