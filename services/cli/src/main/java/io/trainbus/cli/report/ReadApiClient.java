package io.trainbus.cli.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.messaging.Json;

/** Reads from the evaluator's read API: JSON documents and stored objects, by path under the base URL. */
public final class ReadApiClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param base base URL of the evaluator, for example {@code http://127.0.0.1:8084}
     */
    public ReadApiClient(URI base) {
        this.base = base;
    }

    /** A request the API did not serve: the HTTP status and the API's own error message. */
    public static final class ApiException extends Exception {

        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** @return the HTTP status, or 0 when the API was not reachable */
        public int status() {
            return status;
        }
    }

    /**
     * Reads a JSON document.
     *
     * @param path absolute path, for example {@code /api/experiments/x1}
     * @return the parsed document
     * @throws ApiException when the API returns an error status or cannot be reached
     */
    public JsonNode json(String path) throws ApiException {
        byte[] body = bytes(path);
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(200, "GET " + base.resolve(path) + " returned invalid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads a body as bytes.
     *
     * @param path absolute path
     * @return the body
     * @throws ApiException when the API returns an error status or cannot be reached
     */
    public byte[] bytes(String path) throws ApiException {
        URI uri = base.resolve(path);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The HTTP client's ConnectException carries no message, so its class names the failure instead.
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ApiException(0, "GET " + uri + " failed: " + cause + ". Check that the evaluator runs there, "
                    + "or pass its address with --url (trainbus local up prints it).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "Interrupted while reading " + uri);
        }
        if (response.statusCode() != 200) {
            throw new ApiException(response.statusCode(), "GET " + uri + " returned " + response.statusCode()
                    + ": " + errorMessage(response.body()));
        }
        return response.body();
    }

    /** Returns the {@code error} field of a JSON error body, or the body itself when it is not one. */
    private static String errorMessage(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException e) {
            // Not JSON: the body itself is the best message there is.
        }
        return new String(body, StandardCharsets.UTF_8).strip();
    }
}
