package io.trainbus.evaluator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.trainbus.common.storage.ObjectStoreException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures of the read API into {@code {"status": 404, "error": "..."}} responses. */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    /** Maps a failed or unreachable object store to 503, since the request itself was valid. */
    @ServerExceptionMapper
    public Response storeFailure(ObjectStoreException e) {
        LOG.warnf(e, "Read API: the object store failed: %s", e.getMessage());
        return error(503, "The object store failed: " + e.getMessage() + ". Retry when it is reachable again.");
    }

    static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
