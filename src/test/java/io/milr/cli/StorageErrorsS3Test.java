package io.milr.cli;

import io.milr.testing.ProjectJvm;
import io.milr.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * S3 that cannot be used, through S3A (hadoop-aws, a test dependency here as users bring it with
 * --packages) against a real S3 server on 127.0.0.1 (S3Proxy): a missing bucket, missing or wrong
 * credentials, an endpoint that is down. Each is one {@code milr:} line naming the setting, the URI and
 * the cause, exit status 2, Spark never started, nothing stored. And s3a:// where hadoop-aws is not on
 * the classpath, in a JVM without it.
 *
 * <p>Credentials come only from the S3A keys or the environment here: S3A's default chain ends with the
 * EC2 instance-metadata provider, which would ask 169.254.169.254, an address these tests must not send
 * to. So what the probe does with that provider off EC2 is not tested.
 */
class StorageErrorsS3Test {
    private static final String BUCKET = "milr-data";
    private static final String NO_CLOUD_PROVIDERS = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,"
            + "com.amazonaws.auth.EnvironmentVariableCredentialsProvider";
    private static final String[] GOOD_INPUTS = {"--set", "data.train=data/mnist/train", "--set", "data.test=data/mnist/t10k"};

    @TempDir
    static Path dir;
    private static S3Server s3;
    private final List<String> properties = new ArrayList<>();

    @BeforeAll
    static void startS3() throws IOException, InterruptedException {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    /** As spark-submit's --conf spark.hadoop.KEY=VALUE: Main's SparkConf reads spark.* system properties. */
    private void hadoop(Map<String, String> settings) {
        settings.forEach((key, value) -> {
            System.setProperty("spark.hadoop." + key, value);
            properties.add("spark.hadoop." + key);
        });
    }

    private void reachS3(String accessKey, String secretKey) {
        hadoop(s3.s3aSettings());
        hadoop(Map.of("fs.s3a.aws.credentials.provider", NO_CLOUD_PROVIDERS));
        if (accessKey != null) {
            hadoop(Map.of("fs.s3a.access.key", accessKey, "fs.s3a.secret.key", secretKey));
        }
    }

    @AfterEach
    void clearSettings() {
        properties.forEach(System::clearProperty);
    }

    @Test
    void aMissingBucketForAnInputAndForOut() throws IOException {
        reachS3(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        String cause = ": the bucket 'no-such-bucket' does not exist (S3 answered NoSuchBucket); check the bucket"
                + " name, and fs.s3a.endpoint if it is not on AWS";
        Path out = dir.resolve("run-bucket");

        Refusal.of("train", "--set", "data.train=s3a://no-such-bucket/mnist/train", "--out", out.toString())
                .assertUserError("data.train = s3a://no-such-bucket/mnist/train" + cause);
        Refusal.of(concat(GOOD_INPUTS, "train", "--out", "s3a://no-such-bucket/runs/1"))
                .assertUserError("--out s3a://no-such-bucket/runs/1" + cause);
        assertFalse(Files.exists(out));
        assertEquals(List.of(BUCKET), s3.stored(), "nothing stored");
    }

    @Test
    void noCredentials() throws IOException {
        reachS3(null, null);

        Refusal.of("train", "--set", "data.test=s3a://" + BUCKET + "/mnist/t10k", "--out", dir.resolve("run-nokey").toString())
                .assertUserError("data.test = s3a://" + BUCKET + "/mnist/t10k: no AWS credentials found (tried:"
                        + " SimpleAWSCredentialsProvider EnvironmentVariableCredentialsProvider); set fs.s3a.access.key"
                        + " and fs.s3a.secret.key (spark.hadoop.fs.s3a.access.key...), or AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY, or choose a provider with fs.s3a.aws.credentials.provider");
        assertFalse(Files.exists(dir.resolve("run-nokey")));
    }

    @Test
    void wrongCredentialsForOutAndResume() throws IOException {
        reachS3(S3Server.ACCESS_KEY, "not-the-secret");
        String cause = ": access denied by S3 (403 Forbidden): the AWS credentials are not valid, or do not allow"
                + " reading this bucket (fs.s3a.access.key, fs.s3a.secret.key, fs.s3a.aws.credentials.provider)";

        Refusal.of(concat(GOOD_INPUTS, "train", "--out", "s3a://" + BUCKET + "/runs/1"))
                .assertUserError("--out s3a://" + BUCKET + "/runs/1" + cause);
        Refusal.of("train", "--resume", "s3a://" + BUCKET + "/runs/1")
                .assertUserError("--resume s3a://" + BUCKET + "/runs/1" + cause);
        assertEquals(List.of(BUCKET), s3.stored(), "nothing stored");
    }

    /**
     * S3A's defaults retry a refused connect 20 times in the SDK, with backoff, inside up to 7 retries of
     * its own: measured without the probe, 751 s before the first lookup gave up; with it, 0.4 s. The
     * bound is a guard far below the one and above the other, not a speed target.
     */
    @Test
    void anEndpointThatIsDownIsGivenUpInSeconds() throws IOException {
        String down;
        try (ServerSocket closed = new ServerSocket(0)) {
            down = "127.0.0.1:" + closed.getLocalPort();
        }
        reachS3(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
        hadoop(Map.of("fs.s3a.endpoint", "http://" + down));

        Refusal refusal = Refusal.of("train", "--set", "data.train=s3a://" + BUCKET + "/mnist/train", "--out",
                dir.resolve("run-endpoint").toString());

        refusal.assertUserError("data.train = s3a://" + BUCKET + "/mnist/train: connection refused by " + down
                + "; is the S3 endpoint (fs.s3a.endpoint) running there?");
        refusal.assertWithin(Duration.ofSeconds(15));
    }

    /**
     * As on a cluster whose Spark lacks hadoop-aws: the real command line, in a JVM on the test
     * classpath without it (and without the AWS SDK it brings).
     */
    @Test
    void withoutHadoopAwsTheLineSaysWhichPackageToAdd() throws Exception {
        Path out = dir.resolve("run-no-aws");
        String train = "s3a://" + BUCKET + "/mnist/train";
        try (ProjectJvm milr = ProjectJvm.startWithout(List.of("hadoop-aws-", "aws-java-sdk-bundle-"), "1g",
                dir.resolve("no-aws.log"), Main.class.getName(), "train", "--set", "data.train=" + train,
                "--out", out.toString())) {
            int status = milr.awaitExit(Duration.ofSeconds(120));

            String log = milr.log();
            assertEquals(List.of("milr: data.train = " + train + ": no Hadoop file system for scheme s3a on the"
                    + " classpath; add hadoop-aws at Spark's Hadoop version: spark-submit --packages"
                    + " org.apache.hadoop:hadoop-aws:3.3.4"), log.lines().filter(line -> line.startsWith("milr:")).toList(), log);
            assertEquals(2, status, log);
            assertFalse(log.contains("\tat ") || log.contains("Running Spark version"), "no trace, no Spark: " + log);
            assertFalse(Files.exists(out));
        }
    }

    private static String[] concat(String[] settings, String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(List.of(settings));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
