package io.trainbus.evaluator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.pictures.Png;
import io.trainbus.evaluator.storage.ReportKeys.Picture;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Serves stored reports and pictures, returning 404 with what is missing when an object does not exist. */
@ApplicationScoped
public class StoredObjects {

    @Inject
    ObjectStore store;

    /**
     * Serves a stored JSON document.
     *
     * @param key object key
     * @param missing the 404 message when the object does not exist
     * @return 200 with the document
     */
    Response json(String key, String missing) {
        return Response.ok(read(key, missing), MediaType.APPLICATION_JSON).build();
    }

    /**
     * Serves a stored PNG picture.
     *
     * @param key object key
     * @param missing the 404 message when the object does not exist
     * @return 200 with the picture
     */
    Response png(String key, String missing) {
        return Response.ok(read(key, missing), Png.CONTENT_TYPE).build();
    }

    /**
     * Lists the pictures of one kind that exist in the store.
     *
     * @param pictures every picture of the kind
     * @param key the object key of a picture
     * @param url the read API path of a picture
     * @return one entry per stored picture with its {@code name}, {@code key} and {@code url}
     */
    <P extends Picture> List<Map<String, Object>> existingPictures(P[] pictures, Function<P, String> key,
            Function<P, String> url) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (P picture : pictures) {
            if (store.exists(key.apply(picture))) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", picture.pictureName());
                entry.put("key", key.apply(picture));
                entry.put("url", url.apply(picture));
                entries.add(entry);
            }
        }
        return entries;
    }

    /** @return true when the object exists */
    boolean exists(String key) {
        return store.exists(key);
    }

    private byte[] read(String key, String missing) {
        if (!store.exists(key)) {
            throw ApiException.notFound(missing);
        }
        return store.getBytes(key);
    }
}
