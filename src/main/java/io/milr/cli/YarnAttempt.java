package io.milr.cli;

import io.milr.report.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The YARN application whose ApplicationMaster runs this driver ({@code spark-submit --master yarn
 * --deploy-mode cluster}). When that driver is lost (its container, its node, its JVM), YARN starts
 * the application again ({@code spark.yarn.maxAppAttempts}, by default the cluster's 2) and the new
 * attempt calls {@code main} with the same arguments. Each run directory such a driver starts is
 * tagged with the application's id, so that a later attempt knows the directory for its own and
 * continues it, where any other non-empty {@code --out} is refused as another run's.
 */
final class YarnAttempt {
    /** In the run directory: the id of the YARN application that started it (cluster mode only). */
    static final String TAG_FILE = "yarn-application.txt";

    private final String applicationId;

    private YarnAttempt(String applicationId) {
        this.applicationId = applicationId;
    }

    /**
     * The application this driver runs in, if it runs in a YARN ApplicationMaster: in cluster mode the
     * ApplicationMaster sets {@code spark.yarn.app.id} before it calls {@code main}.
     */
    static Optional<YarnAttempt> ofThisDriver() {
        return Optional.ofNullable(System.getProperty("spark.yarn.app.id")).filter(id -> !id.isBlank())
                .map(YarnAttempt::new);
    }

    String applicationId() {
        return applicationId;
    }

    /** Marks {@code run} as started by this application. */
    void tag(RunDirectory run) {
        run.writeString(TAG_FILE, applicationId + "\n");
    }

    /**
     * Whether an earlier attempt of this application started the run directory {@code uri}. False
     * when the directory or its tag is missing or names another application; errors reading it are
     * left to the run directory's own checks that follow.
     */
    boolean startedEarlier(String uri, Configuration conf) {
        try {
            Path tag = new Path(new Path(uri), TAG_FILE);
            FileSystem fs = tag.getFileSystem(conf);
            if (!fs.exists(tag)) {
                return false;
            }
            try (InputStream in = fs.open(tag)) {
                return new String(in.readNBytes(256), StandardCharsets.UTF_8).strip().equals(applicationId);
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
