package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class ProbesTest {

    /** The SmallRye Health endpoints under Quarkus' default non-application root path /q. */
    private static final String LIVE = "/q/health/live";
    private static final String READY = "/q/health/ready";
    private static final String STARTED = "/q/health/started";

    @Test
    void serviceProbesUseHealthEndpointsOnHttpPort() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            for (Deployment deployment : RenderedManifests.load(overlay).serviceDeployments()) {
                String service = Services.serviceOf(deployment.getMetadata().getName());
                int port = ServiceConfig.load(service).httpPort();
                Container container = EnvironmentVariablesTest.container(deployment);
                String where = overlay + "/" + service;

                assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).as(where).contains(port);
                assertProbe(where + " liveness", container.getLivenessProbe(), LIVE, port, container);
                assertProbe(where + " readiness", container.getReadinessProbe(), READY, port, container);
                assertProbe(where + " startup", container.getStartupProbe(), STARTED, port, container);
            }
        }
    }

    @Test
    void prometheusAnnotationsPointAtMetricsEndpoint() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            for (Deployment deployment : RenderedManifests.load(overlay).serviceDeployments()) {
                String service = Services.serviceOf(deployment.getMetadata().getName());
                Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();

                assertThat(annotations).as(overlay + "/" + service)
                        .containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/path", "/q/metrics")
                        .containsEntry("prometheus.io/port", String.valueOf(ServiceConfig.load(service).httpPort()));
            }
        }
    }

    @Test
    void servicesTargetDeclaredContainerPorts() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            RenderedManifests manifests = RenderedManifests.load(overlay);
            for (Service service : manifests.ofType(Service.class)) {
                String name = service.getMetadata().getName();
                Deployment deployment = manifests.deployment(name);
                Container container = EnvironmentVariablesTest.container(deployment);
                for (var servicePort : service.getSpec().getPorts()) {
                    assertThat(resolvePort(servicePort.getTargetPort(), container))
                            .as("%s overlay: Service %s port %s", overlay, name, servicePort.getName())
                            .isPositive();
                }
            }
        }
    }

    @Test
    void everyProbePortIsDeclared() throws Exception {
        for (String overlay : Services.OVERLAYS) {
            for (Deployment deployment : RenderedManifests.load(overlay).ofType(Deployment.class)) {
                Container container = EnvironmentVariablesTest.container(deployment);
                for (Probe probe : probes(container)) {
                    IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                            : probe.getTcpSocket().getPort();
                    assertThat(resolvePort(port, container))
                            .as("%s overlay: probe port %s of %s", overlay, port, deployment.getMetadata().getName())
                            .isPositive();
                }
            }
        }
    }

    private static List<Probe> probes(Container container) {
        return Stream.of(container.getLivenessProbe(), container.getReadinessProbe(),
                container.getStartupProbe()).filter(Objects::nonNull).toList();
    }

    private static void assertProbe(String description, Probe probe, String path, int port, Container container) {
        assertThat(probe).as(description).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(description + " httpGet").isNotNull();
        assertThat(get.getPath()).as(description + " path").isEqualTo(path);
        assertThat(resolvePort(get.getPort(), container)).as(description + " port").isEqualTo(port);
    }

    /** Returns the container port a number or name refers to, or -1 when the container declares no such port. */
    private static int resolvePort(IntOrString port, Container container) {
        for (ContainerPort declared : container.getPorts()) {
            boolean byNumber = port.getIntVal() != null && port.getIntVal().equals(declared.getContainerPort());
            boolean byName = port.getStrVal() != null && port.getStrVal().equals(declared.getName());
            if (byNumber || byName) {
                return declared.getContainerPort();
            }
        }
        return -1;
    }
}
