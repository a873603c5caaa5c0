package io.trainbus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.trainbus.common.messaging.Topics;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

    @Test
    void productionDeclaresEveryTopicOfTopicsClass() throws Exception {
        Map<String, Map<String, Object>> topics = productionTopics();

        for (String topic : Topics.ALL) {
            assertThat(topics).as("KafkaTopic for %s in the production overlay", topic).containsKey(topic);
        }
    }

    @Test
    void productionDeclaresEveryTopicServicesUse() throws Exception {
        Map<String, Map<String, Object>> topics = productionTopics();

        for (String service : Services.ALL) {
            for (String topic : ServiceConfig.load(service).topics()) {
                assertThat(topics).as("KafkaTopic for %s, used by %s", topic, service).containsKey(topic);
            }
        }
    }

    @Test
    void productionTopicsAreReplicatedWithRetention() throws Exception {
        for (Map.Entry<String, Map<String, Object>> topic : productionTopics().entrySet()) {
            Map<String, Object> spec = topic.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");

            assertThat(((Number) spec.get("replicas")).intValue()).as("replicas of %s", topic.getKey()).isEqualTo(3);
            assertThat(config).as("config of %s", topic.getKey()).containsKey("retention.ms");
            assertThat(((Number) config.get("min.insync.replicas")).intValue())
                    .as("min.insync.replicas of %s", topic.getKey()).isEqualTo(2);
        }
    }

    @Test
    void everyOutgoingChannelWaitsForAllReplicas() throws Exception {
        for (String service : Services.ALL) {
            ServiceConfig config = ServiceConfig.load(service);
            Set<String> channels = new TreeSet<>();
            for (String key : config.propertyNames()) {
                if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".connector")) {
                    channels.add(key.substring(0, key.length() - ".connector".length()));
                }
            }

            assertThat(channels).as("outgoing channels of %s", service).isNotEmpty();
            for (String channel : channels) {
                // min.insync.replicas=2 on the production topics protects only records sent with acks=all.
                assertThat(config.property(channel + ".acks")).as("%s: %s.acks", service, channel).isEqualTo("all");
            }
        }
    }

    @Test
    void preparedTopicHasPartitionForEveryProductionTrainer() throws Exception {
        RenderedManifests production = RenderedManifests.load("production");
        int trainers = production.deployment("trainbus-trainer").getSpec().getReplicas();
        int partitions = ((Number) productionTopics().get(Topics.DATASETS_PREPARED).get("partitions")).intValue();

        assertThat(trainers).isGreaterThan(1);
        assertThat(partitions).as("partitions of %s", Topics.DATASETS_PREPARED).isGreaterThanOrEqualTo(trainers);
    }

    @Test
    void localJobCreatesEveryTopic() throws Exception {
        Job job = RenderedManifests.load("local").ofType(Job.class).stream()
                .filter(candidate -> "kafka-topics".equals(candidate.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Job kafka-topics in the local overlay"));
        String script = String.join("\n", job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
        Set<String> created = new TreeSet<>();
        for (String line : script.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && words[0].equals("create")) {
                created.add(words[1]);
            }
        }

        assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void localBrokerLeavesTopicCreationToJob() throws Exception {
        Container kafka = EnvironmentVariablesTest.container(RenderedManifests.load("local").deployment("kafka"));
        Map<String, String> env = new TreeMap<>();
        for (EnvVar variable : kafka.getEnv()) {
            env.put(variable.getName(), variable.getValue());
        }

        assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    private static Map<String, Map<String, Object>> productionTopics() throws Exception {
        Map<String, Map<String, Object>> topics = new TreeMap<>();
        for (GenericKubernetesResource resource : RenderedManifests.load("production").ofKind("KafkaTopic")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
            topics.put((String) spec.get("topicName"), spec);
        }
        return topics;
    }
}
