package io.trainbus.deploy;

import java.util.List;

/** The four services that run in the cluster, by folder name under services/ and Deployment name. */
final class Services {

    static final List<String> ALL = List.of("ingestion", "preprocessing", "trainer", "evaluator");

    /** Overlays under deploy/overlays, each rendered to deploy/rendered/<overlay>.yaml. */
    static final List<String> OVERLAYS = List.of("local", "production");

    private Services() {
    }

    static String deploymentName(String service) {
        return "trainbus-" + service;
    }

    static String serviceOf(String deploymentName) {
        return deploymentName.substring("trainbus-".length());
    }
}
