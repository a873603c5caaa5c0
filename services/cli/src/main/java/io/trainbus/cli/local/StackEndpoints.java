package io.trainbus.cli.local;

import java.util.HashMap;
import java.util.Map;

/**
 * The addresses the local stack prints on its {@code READY kafka=HOST:PORT s3=URL} line.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param s3Endpoint base URL of the S3 API
 */
public record StackEndpoints(String bootstrapServers, String s3Endpoint) {

    /**
     * Parses the READY line.
     *
     * @param line for example {@code READY kafka=127.0.0.1:19092 s3=http://127.0.0.1:19000}
     * @return the endpoints
     * @throws LocalRunException when the line lacks {@code kafka=} or {@code s3=}
     */
    public static StackEndpoints parse(String line) throws LocalRunException {
        Map<String, String> values = new HashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                values.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        String kafka = values.get("kafka");
        String s3 = values.get("s3");
        if (kafka == null || s3 == null) {
            throw new LocalRunException("The local stack's READY line '" + line + "' lacks kafka= or s3=; "
                    + "rebuild it with `make build`.");
        }
        return new StackEndpoints(kafka, s3);
    }
}
