package io.trainbus.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The documents of one rendered overlay, {@code deploy/rendered/<overlay>.yaml}, parsed by fabric8. */
final class RenderedManifests {

    /** Label that quarkus-kubernetes puts on the resources it generates, which marks the trainbus services. */
    static final String MANAGED_BY_QUARKUS = "quarkus";

    private final String overlay;
    private final List<HasMetadata> documents;

    private RenderedManifests(String overlay, List<HasMetadata> documents) {
        this.overlay = overlay;
        this.documents = documents;
    }

    /**
     * Parses {@code deploy/rendered/<overlay>.yaml}.
     *
     * @param overlay overlay name, for example {@code local}
     * @return the parsed documents
     * @throws IllegalStateException when the file is missing
     */
    static RenderedManifests load(String overlay) throws IOException {
        Path file = Repository.resolve("deploy/rendered/" + overlay + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " not found: run 'make manifests' to render the overlays");
        }
        try (InputStream input = Files.newInputStream(file)) {
            Object parsed = new KubernetesSerialization().unmarshal(input);
            if (!(parsed instanceof List<?> list)) {
                throw new IllegalStateException(file + " contains a single document, expected a list of resources");
            }
            return new RenderedManifests(overlay, list.stream().map(HasMetadata.class::cast).toList());
        }
    }

    String overlay() {
        return overlay;
    }

    List<HasMetadata> all() {
        return documents;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return documents.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Returns the Deployments of the trainbus services, the ones quarkus-kubernetes generated. */
    List<Deployment> serviceDeployments() {
        return ofType(Deployment.class).stream()
                .filter(deployment -> MANAGED_BY_QUARKUS.equals(
                        deployment.getMetadata().getLabels().get("app.kubernetes.io/managed-by")))
                .toList();
    }

    Deployment deployment(String name) {
        return ofType(Deployment.class).stream()
                .filter(deployment -> name.equals(deployment.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name + " in the " + overlay + " overlay"));
    }

    Optional<ConfigMap> configMap(String name) {
        return ofType(ConfigMap.class).stream().filter(map -> name.equals(map.getMetadata().getName())).findFirst();
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(resource -> kind.equals(resource.getKind()))
                .toList();
    }
}
