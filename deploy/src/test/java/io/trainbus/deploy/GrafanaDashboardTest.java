package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * Checks the structure of the Grafana dashboard that Grafana's file provisioning loads, and that the rendered
 * local overlay ships it and its provisioning files unchanged. Grafana itself is not run here.
 */
class GrafanaDashboardTest {

    private static final String DASHBOARD = "deploy/monitoring/grafana/dashboards/trainbus.json";
    private static final String DATASOURCE_VARIABLE = "${datasource}";
    /** Grafana's built-in variables that the panel queries may use. */
    private static final Set<String> BUILT_IN_VARIABLES = Set.of("__range", "__rate_interval", "__interval");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final int GRID_COLUMNS = 24;

    private final JsonNode dashboard = readDashboard();

    private static JsonNode readDashboard() {
        try {
            return new ObjectMapper().readTree(Files.readString(Repository.resolve(DASHBOARD)));
        } catch (IOException e) {
            throw new IllegalStateException(DASHBOARD + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    @Test
    void dashboardHasUidTitleAndDatasourceVariable() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("trainbus");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();

        JsonNode datasource = variable("datasource");
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    }

    @Test
    void everyPanelQueriesThroughDatasourceVariable() {
        for (JsonNode panel : queryPanels()) {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as("datasource of panel " + title)
                    .isEqualTo(DATASOURCE_VARIABLE);
            assertThat(panel.path("targets").size()).as("queries of panel " + title).isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("query of panel " + title).isNotBlank();
                assertThat(target.path("datasource").path("uid").asText()).as("datasource of a query of " + title)
                        .isEqualTo(DATASOURCE_VARIABLE);
                assertThat(refIds.add(target.path("refId").asText())).as("refId unique in " + title).isTrue();
            }
        }
    }

    @Test
    void queriesUseOnlyDefinedVariables() {
        Set<String> defined = new HashSet<>(BUILT_IN_VARIABLES);
        dashboard.path("templating").path("list").forEach(variable -> defined.add(variable.path("name").asText()));

        for (JsonNode panel : queryPanels()) {
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = VARIABLE.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    assertThat(defined).as("variables known to panel " + panel.path("title").asText())
                            .contains(matcher.group(1));
                }
            }
        }
    }

    @Test
    void panelIdsAreUniqueAndFitGrid() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(panel.path("id").isInt()).as("id of panel " + title).isTrue();
            assertThat(ids.add(panel.path("id").asInt())).as("id of panel " + title + " is unique").isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as("width of " + title).isPositive();
            assertThat(grid.path("h").asInt()).as("height of " + title).isPositive();
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("right edge of " + title)
                    .isLessThanOrEqualTo(GRID_COLUMNS);
        }
    }

    @Test
    void dashboardShowsEveryRequiredPanel() {
        List<String> titles = queryPanels().stream().map(panel -> panel.path("title").asText()).toList();

        assertThat(titles).contains("Loss per job: training and validation",
                "Accuracy per job: training and validation", "Learning rate", "Epoch time", "Images per second",
                "Consumer lag per topic", "Jobs by state", "Failures");
    }

    @Test
    void localOverlayShipsDashboardAndProvisioning() throws IOException {
        RenderedManifests local = RenderedManifests.load("local");
        YAMLMapper yaml = new YAMLMapper();

        ConfigMap dashboards = generatedConfigMap(local, "grafana-dashboards");
        assertThat(new ObjectMapper().readTree(dashboards.getData().get("trainbus.json")))
                .as("dashboard in the rendered ConfigMap").isEqualTo(dashboard);

        JsonNode providers = yaml.readTree(generatedConfigMap(local, "grafana-dashboard-providers").getData()
                .get("dashboards.yaml"));
        JsonNode datasources = yaml.readTree(generatedConfigMap(local, "grafana-datasources").getData()
                .get("datasources.yaml"));
        assertThat(datasources.path("datasources").get(0).path("type").asText()).isEqualTo("prometheus");

        Deployment grafana = local.deployment("grafana");
        String providerPath = providers.path("providers").get(0).path("options").path("path").asText();
        VolumeMount dashboardMount = grafana.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(providerPath))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Grafana mounts nothing at the provider path " + providerPath));
        Volume volume = grafana.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(candidate -> candidate.getName().equals(dashboardMount.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(volume.getConfigMap().getName()).isEqualTo(dashboards.getMetadata().getName());
    }

    private JsonNode variable(String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("The dashboard has no variable " + name);
    }

    private List<JsonNode> queryPanels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if (!"row".equals(panel.path("type").asText())) {
                panels.add(panel);
            }
        });
        assertThat(panels).as("panels with queries").isNotEmpty();
        return panels;
    }

    /** Finds a ConfigMap of Kustomize's configMapGenerator, whose name gets a content hash suffix. */
    private static ConfigMap generatedConfigMap(RenderedManifests manifests, String name) {
        return manifests.ofType(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().matches(Pattern.quote(name) + "-[a-z0-9]+"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name + "-<hash> in the local overlay"));
    }
}
