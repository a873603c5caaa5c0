package io.trainbus.common.messaging;

import io.trainbus.common.storage.ObjectStore;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A byte-array value deserializer that resolves claim checks, so that consumers receive the event bytes whether
 * the event travelled inside the record or through the object store. Set it as the {@code value.deserializer} of
 * an incoming channel. It takes the service's {@link ObjectStore} from CDI on the first claim check, so records
 * without one never touch the store.
 */
public class ClaimCheckDeserializer implements Deserializer<byte[]> {

    private volatile ObjectStore store;

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, byte[] data) {
        if (!ClaimCheck.isClaimCheck(headers)) {
            return data;
        }
        return ClaimCheck.resolve(store(), headers, data);
    }

    private ObjectStore store() {
        ObjectStore current = store;
        if (current == null) {
            current = CDI.current().select(ObjectStore.class).get();
            store = current;
        }
        return current;
    }
}
