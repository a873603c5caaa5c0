package io.trainbus.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    @Test
    void parsesJsonMappingWithEitherFieldSpelling() throws Exception {
        TrainingRequest camel = RequestParser.parse(bytes("{\"jobId\": \"j1\", \"model\": \"cnn\", \"epochs\": 3}"));
        TrainingRequest snake = RequestParser.parse(bytes("  {\"job_id\": \"j1\", \"batch_size\": 64}"));

        assertThat(camel.getJobId()).isEqualTo("j1");
        assertThat(camel.getModel()).isEqualTo("cnn");
        assertThat(camel.getEpochs()).isEqualTo(3);
        assertThat(snake.getJobId()).isEqualTo("j1");
        assertThat(snake.getBatchSize()).isEqualTo(64);
    }

    @Test
    void parsesBinaryProtobuf() throws Exception {
        TrainingRequest sent = TrainingRequest.newBuilder().setJobId("j2").setModel("mlp").setEpochs(0).build();

        TrainingRequest read = RequestParser.parse(sent.toByteArray());

        assertThat(read).isEqualTo(sent);
        assertThat(read.hasEpochs()).as("an explicit zero stays distinguishable from absent").isTrue();
    }

    @Test
    void rejectsFieldOfWrongTypeNamingIt() {
        InvalidRequestException top = catchThrowableOfType(InvalidRequestException.class,
                () -> RequestParser.parse(bytes("{\"jobId\": \"j1\", \"epochs\": \"many\"}")));
        InvalidRequestException nested = catchThrowableOfType(InvalidRequestException.class,
                () -> RequestParser.parse(bytes("{\"jobId\": \"j1\", \"dataset\": {\"trainLimit\": \"abc\"}}")));

        assertThat(top.field()).isEqualTo("epochs");
        assertThat(top.value()).isEqualTo("\"many\"");
        assertThat(top.getMessage()).contains("field epochs");
        assertThat(nested.field()).isEqualTo("dataset.train_limit");
    }

    @Test
    void rejectsUnknownField() {
        assertThatThrownBy(() -> RequestParser.parse(bytes("{\"jobId\": \"j1\", \"learningRate\": 0.1}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("learningRate");
    }

    @Test
    void rejectsMalformedJsonAndRandomBytes() {
        assertThatThrownBy(() -> RequestParser.parse(bytes("{\"jobId\": ")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("JSON is invalid")
                .hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> RequestParser.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, 0x02}))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("neither JSON nor binary Protobuf");
    }

    @Test
    void rejectsEmptyAndOversizedRequests() {
        assertThatThrownBy(() -> RequestParser.parse(new byte[0]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RequestParser.parse(new byte[RequestParser.MAX_REQUEST_BYTES + 1]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void configuredLimitIsNamedInRejection() throws Exception {
        byte[] request = bytes("{\"jobId\": \"j1\", \"model\": \"" + "x".repeat(200) + "\"}");

        assertThat(RequestParser.parse(request, request.length).getJobId()).isEqualTo("j1");
        assertThatThrownBy(() -> RequestParser.parse(request, 100))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(request.length + " bytes")
                .hasMessageContaining("limit of 100 bytes")
                .hasMessageContaining("trainbus.ingestion.max-request-bytes");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
