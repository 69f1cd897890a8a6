package io.milr.spark;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The network replicas of one executor JVM, kept between averaging rounds: building a network costs
 * more than training a round's minibatches on it. A replica serves one task at a time; one exists per
 * concurrently running task. Replicas of an older configuration (the LRs changed, or another run
 * started) are dropped when a newer one is asked for.
 */
final class Replicas {
    private static final Map<String, Deque<MultiLayerNetwork>> IDLE = new HashMap<>();
    private static String currentKey;

    private Replicas() {
    }

    /** An idle replica built from {@code configuration} (parameters arbitrary: the caller loads them). */
    static MultiLayerNetwork borrow(String runKey, String configuration) {
        String key = runKey + '\n' + configuration;
        synchronized (IDLE) {
            if (!key.equals(currentKey)) {
                IDLE.clear();
                currentKey = key;
            }
            MultiLayerNetwork idle = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).poll();
            if (idle != null) {
                return idle;
            }
        }
        MultiLayerNetwork replica = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration));
        replica.init();
        return replica;
    }

    static void giveBack(String runKey, String configuration, MultiLayerNetwork replica) {
        String key = runKey + '\n' + configuration;
        synchronized (IDLE) {
            if (key.equals(currentKey)) {
                IDLE.get(key).push(replica);
            }
        }
    }
}
