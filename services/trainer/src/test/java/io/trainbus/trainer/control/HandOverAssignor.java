package io.trainbus.trainer.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Test-only partition assignor: gives every partition to the member whose client id starts with
 * {@link #TAKEOVER_CLIENT}, when one is in the group, and otherwise to the first member. It lets a test move the
 * trainer's partition to another consumer with a real Kafka rebalance.
 */
public class HandOverAssignor implements ConsumerPartitionAssignor {

    /** Client id prefix of the consumer that takes every partition. */
    public static final String TAKEOVER_CLIENT = "takeover";

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> members = groupSubscription.groupSubscription();
        List<String> ids = new ArrayList<>(members.keySet());
        ids.sort(String::compareTo);
        String owner = ids.stream().filter(id -> id.startsWith(TAKEOVER_CLIENT)).findFirst().orElse(ids.get(0));
        Map<String, Assignment> assignments = new HashMap<>();
        for (String id : ids) {
            List<TopicPartition> partitions = new ArrayList<>();
            if (id.equals(owner)) {
                for (String topic : members.get(id).topics()) {
                    for (PartitionInfo info : metadata.partitionsForTopic(topic)) {
                        partitions.add(new TopicPartition(topic, info.partition()));
                    }
                }
            }
            assignments.put(id, new Assignment(partitions));
        }
        return new GroupAssignment(assignments);
    }

    @Override
    public String name() {
        return "trainbus-test-handover";
    }
}
