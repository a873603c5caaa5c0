package io.trainbus.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.messaging.Json;

/** The PromQL queries of the Grafana dashboard's panels, with Grafana's variables replaced by fixed values. */
final class DashboardQueries {

    /** One panel query. */
    record Query(String panel, String refId, String expr) {

        @Override
        public String toString() {
            return "panel '" + panel + "' query " + refId + ": " + expr;
        }
    }

    private DashboardQueries() {
    }

    /**
     * Reads every query of every panel, rows included when they hold collapsed panels.
     *
     * @param dashboard the dashboard JSON file
     * @param variables values for {@code $name} and {@code ${name}} references, by name
     * @return the queries in panel order
     */
    static List<Query> read(Path dashboard, Map<String, String> variables) throws IOException {
        List<Query> queries = new ArrayList<>();
        collect(Json.MAPPER.readTree(dashboard.toFile()).path("panels"), variables, queries);
        return queries;
    }

    private static void collect(JsonNode panels, Map<String, String> variables, List<Query> queries) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), variables, queries);
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText(), target.path("refId").asText(),
                        substitute(target.path("expr").asText(), variables)));
            }
        }
    }

    private static String substitute(String expr, Map<String, String> variables) {
        String result = expr;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("${" + variable.getKey() + "}", variable.getValue())
                    .replace("$" + variable.getKey(), variable.getValue());
        }
        return result;
    }
}
