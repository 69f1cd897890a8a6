package io.milr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A stand-in Spark installation for the tests that go through {@code SPARK_HOME/bin/spark-submit}
 * (yarn.sh and k8s.sh insist on one, as a user's cluster has): a temporary folder whose
 * {@code jars/} links to the jars of {@code target/spark-classpath.txt} (a whole Spark, written by
 * {@code mvn package}) plus those of the extra classpath files named, and whose {@code bin/}
 * holds a {@code spark-submit} and {@code spark-class} that do what Spark's do: ask Spark's own
 * launcher ({@code org.apache.spark.launcher.Main}) for the command, then run it. So the driver of
 * a client-mode run gets its heap and Java options from spark-submit's arguments, as on a cluster.
 */
public final class SparkDistribution implements AutoCloseable {
    private static final Path SPARK_CLASSPATH = Path.of("target/spark-classpath.txt");

    private static final String SPARK_SUBMIT = """
            #!/usr/bin/env bash
            exec "$(dirname "$0")/spark-class" org.apache.spark.deploy.SparkSubmit "$@"
            """;

    /** Spark's bin/spark-class, less its Windows and build-directory branches. */
    private static final String SPARK_CLASS = """
            #!/usr/bin/env bash
            export SPARK_HOME="${SPARK_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
            # The launcher looks for a build directory to learn Scala's version unless it is told.
            export SPARK_SCALA_VERSION=2.12
            runner="${JAVA_HOME:+$JAVA_HOME/bin/}java"
            build_command() {
              "$runner" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@"
              printf '%d\\0' $?
            }
            # Spark 3.5's launcher prints a line holding one NUL, then the command's words, each ended
            # by a NUL. Bash reads that line as an empty one; what comes before it is a message.
            command=()
            delim=$'\\n'
            started=false
            while IFS= read -d "$delim" -r arg; do
              if [[ $started == true ]]; then
                command+=("$arg")
              elif [[ -z $arg ]]; then
                delim=''
                started=true
              else
                echo "$arg"
              fi
            done < <(build_command "$@")
            if [[ $started != true ]]; then
              # No command: the launcher failed (its message is on stderr) and its status came alone.
              [[ $arg =~ ^[0-9]+$ && $arg != 0 ]] && exit "$arg"
              echo "spark-class: the launcher printed no command" >&2
              exit 1
            fi
            last=$((${#command[@]} - 1))
            status=${command[$last]}
            if ! [[ $status =~ ^[0-9]+$ ]]; then
              echo "spark-class: the launcher printed no command" >&2
              exit 1
            fi
            [[ $status == 0 ]] || exit "$status"
            exec "${command[@]:0:$last}"
            """;

    private final Path home;

    private SparkDistribution(Path home) {
        this.home = home;
    }

    /**
     * Lays out a Spark home from {@code target/spark-classpath.txt} and the jars listed in
     * {@code extraClasspathFiles} (classpath files of {@code mvn package}, e.g.
     * {@code target/yarn-classpath.txt}).
     */
    public static SparkDistribution create(Path... extraClasspathFiles) {
        Set<Path> jars = new LinkedHashSet<>(jarsOf(SPARK_CLASSPATH));
        for (Path file : extraClasspathFiles) {
            jars.addAll(jarsOf(file));
        }
        try {
            Path home = Files.createTempDirectory("milr-spark-home");
            Path jarDir = Files.createDirectories(home.resolve("jars"));
            for (Path jar : jars) {
                Files.createSymbolicLink(jarDir.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
            Files.createDirectories(home.resolve("conf"));
            Path bin = Files.createDirectories(home.resolve("bin"));
            writeScript(bin.resolve("spark-submit"), SPARK_SUBMIT);
            writeScript(bin.resolve("spark-class"), SPARK_CLASS);
            return new SparkDistribution(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> jarsOf(Path classpathFile) {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile.toAbsolutePath() + " is missing: the cluster tests need"
                    + " `mvn package` first (they are failsafe integration tests: mvn verify)");
        }
        try {
            String text = Files.readString(classpathFile).trim();
            return text.isEmpty() ? List.of() : Stream.of(text.split(":")).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeScript(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The folder to set as SPARK_HOME. */
    public Path home() {
        return home;
    }

    /** Its jars, as {@code spark.yarn.jars} wants them for containers on this machine: {@code local:DIR/*}. */
    public String jarsGlob() {
        return "local:" + home.resolve("jars") + "/*";
    }

    @Override
    public void close() {
        TempFiles.deleteTree(home);
    }
}
