package io.trainbus.common.request;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.trainbus.common.messaging.Json;

/**
 * Finds which field of a JSON document the Protobuf JSON parser rejected. The parser's own message names the bad
 * value but not the field, so each field is parsed alone, descending into nested messages.
 */
final class JsonFieldLocator {

    /** A rejected field as a dotted Protobuf path (for example {@code dataset.train_limit}) and its JSON text. */
    record BadField(String path, String value) {
    }

    private JsonFieldLocator() {
    }

    /**
     * Locates the first field that does not parse on its own.
     *
     * @param json the document that failed to parse
     * @param type the message type it should contain
     * @return the field, or empty when the document is not a JSON object or every field parses alone
     */
    static Optional<BadField> locate(String json, Descriptor type) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            return root instanceof ObjectNode object ? locate(object, type, "") : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<BadField> locate(ObjectNode object, Descriptor type, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            FieldDescriptor field = find(type, entry.getKey());
            String path = prefix + (field == null ? entry.getKey() : field.getName());
            if (field == null) {
                return Optional.of(new BadField(path, entry.getValue().toString()));
            }
            if (parses(type, entry.getKey(), entry.getValue())) {
                continue;
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && entry.getValue() instanceof ObjectNode nested) {
                Optional<BadField> inner = locate(nested, field.getMessageType(), path + ".");
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.of(new BadField(path, entry.getValue().toString()));
        }
        return Optional.empty();
    }

    private static boolean parses(Descriptor type, String name, JsonNode value) {
        ObjectNode single = Json.MAPPER.createObjectNode();
        single.set(name, value);
        try {
            JsonFormat.parser().merge(single.toString(), DynamicMessage.newBuilder(type));
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static FieldDescriptor find(Descriptor type, String jsonKey) {
        for (FieldDescriptor field : type.getFields()) {
            if (field.getName().equals(jsonKey) || field.getJsonName().equals(jsonKey)) {
                return field;
            }
        }
        return null;
    }
}
