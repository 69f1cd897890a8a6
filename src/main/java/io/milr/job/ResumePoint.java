package io.milr.job;

import io.milr.checkpoint.Checkpoint;
import io.milr.checkpoint.CheckpointException;
import io.milr.checkpoint.CheckpointStore;
import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.heads.HeadLayout;
import io.milr.lr.LearningRatePolicy;
import io.milr.model.CustomNetwork;
import io.milr.optim.OptimizerSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * Where {@code train --resume} continues: the newest complete checkpoint, its network, and a policy
 * built as the run built it and restored to the checkpoint's state; checked against the job's
 * configuration and data before Spark starts.
 */
public record ResumePoint(CheckpointStore.Found found, MultiLayerNetwork network, HeadLayout layout,
                          LearningRatePolicy policy) {

    public Checkpoint checkpoint() {
        return found.checkpoint();
    }

    /**
     * The configuration saved in the checkpoint (with a range test's suggested bounds, so the test is
     * not run again). Only {@code train.epochs} may be set: any other change would make the resumed
     * run differ from the uninterrupted one it continues.
     */
    public static JobConfig config(CheckpointStore.Found found, List<String> overrides) {
        ConfigSources sources = ConfigSources.saved(found.checkpoint().config(), found.location() + "/state.json");
        for (String assignment : overrides) {
            String key = assignment.contains("=") ? assignment.substring(0, assignment.indexOf('=')).trim() : assignment;
            if (!key.equals(ConfigKeys.TRAIN_EPOCHS)) {
                throw new ConfigException("--set " + assignment + ": a resumed run continues with the configuration"
                        + " saved in its checkpoint (" + found.location() + "/state.json); only "
                        + ConfigKeys.TRAIN_EPOCHS + " may be set, to train for more (or fewer) epochs.");
            }
            sources.addOverride(assignment);
        }
        JobConfig config = JobConfig.from(sources);
        int done = found.checkpoint().epoch();
        if (config.epochs() < done) {
            throw new ConfigException("Configuration key '" + ConfigKeys.TRAIN_EPOCHS + "' = " + config.epochs()
                    + ": the checkpoint " + found.location() + " is after epoch " + done + "; expected at least " + done + ".");
        }
        return config;
    }

    /** Restores the checkpoint for {@code config} and {@code data}; a state that does not fit is corrupt. */
    public static ResumePoint of(JobConfig config, JobData data, CheckpointStore.Found found) {
        Checkpoint checkpoint = found.checkpoint();
        if (checkpoint.seed() != config.seed()) {
            throw found.corrupt("\"seed\" is " + checkpoint.seed() + " but its configuration's train.seed is " + config.seed());
        }
        MultiLayerNetwork network = checkpoint.network();
        if (config.model().isCustom()) {
            // The checkpoint's own network is the run's: model.config and model.init are not read again.
            CustomNetwork.misfit(network.getLayerWiseConfigurations(), data.train().numFeatures(), data.shape(),
                    data.numClasses()).ifPresent(problem -> {
                        throw new CheckpointException(found.location() + "/model.zip: " + problem + " (the data in "
                                + config.trainData() + "); expected the network the run started with (did the data"
                                + " change since the run started?)");
                    });
        } else {
            requireSameNetwork(config, data, found, network);
        }
        HeadLayout layout = HeadLayout.of(network, config.lrSettings().mode());
        OptimizerSpec optimizer = config.optimizer();
        LearningRatePolicy policy = optimizer.policy(config.lrSettings(), layout.trainable(), layout.hasHiddenHead());
        try {
            policy.restore(checkpoint.policy());
        } catch (IllegalArgumentException e) {
            throw found.corrupt("the policy state does not fit the run's " + optimizer.kind().configName()
                    + " policy: " + e.getMessage());
        }
        return new ResumePoint(found, network, layout, policy);
    }

    private static void requireSameNetwork(JobConfig config, JobData data, CheckpointStore.Found found,
                                           MultiLayerNetwork network) {
        MultiLayerNetwork configured = TrainJob.buildNetwork(config, data);
        if (network.getnLayers() != configured.getnLayers() || network.numParams() != configured.numParams()) {
            throw new CheckpointException(found.location() + "/model.zip: " + network.getnLayers() + " layers and "
                    + network.numParams() + " parameters, but the saved configuration builds " + configured.getnLayers()
                    + " layers and " + configured.numParams() + " parameters for the data in " + config.trainData()
                    + "; expected the same network (did the data change since the run started?)");
        }
    }
}
