package io.milr.bench;

import io.milr.config.JobConfig;
import io.milr.data.IdxPair;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The PyTorch peer: Debian's python3-torch, run with {@code /usr/bin/python3} on the script
 * {@code torch_mlp.py} (shipped in the jar), on the same IDX files, example order, network and SGD.
 * Its threads: {@code torch.set_num_threads(n)} with OMP_NUM_THREADS=n and OpenBLAS and MKL held to
 * one thread each (PERFORMANCE.md: their own threads otherwise fight PyTorch's for the cores).
 */
final class TorchPeer {
    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "torch_mlp.py";

    private TorchPeer() {
    }

    /** Why the peer cannot run here, if it cannot: no python3, no torch, or data off the local disk. */
    static Optional<String> unavailable(BenchData data) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return Optional.of(PYTHON + " is missing (install Debian python3-torch: scripts/install-torch.sh)");
        }
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(120, TimeUnit.SECONDS)) {
                probe.destroy();
                return Optional.of("'" + PYTHON + " -c \"import torch\"' did not finish in 120 s");
            }
            if (probe.exitValue() != 0) {
                return Optional.of("python3-torch is not installed (" + PYTHON + " cannot import torch);"
                        + " scripts/install-torch.sh installs it");
            }
        } catch (IOException e) {
            return Optional.of("cannot run " + PYTHON + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking for torch");
        }
        for (IdxPair files : List.of(data.trainFiles(), data.testFiles())) {
            if (localFile(files.images()) == null || localFile(files.labels()) == null) {
                return Optional.of("the data are not on the local file system (" + files.images()
                        + "); the PyTorch peer reads local IDX files");
            }
        }
        return Optional.empty();
    }

    /** Writes the training example order (big-endian int32 indices), the one milr's minibatches follow. */
    static void writeOrder(int[] order, Path file) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int index : order) {
                out.writeInt(index);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot write " + file, e);
        }
    }

    /** Runs one PyTorch run in {@code dir} and returns what it measured. */
    static SystemRun run(JobConfig job, BenchData data, Path order, int threads, int run, Path dir) {
        Path script = dir.resolve(SCRIPT);
        copyScript(script);
        Path result = dir.resolve("result.json");
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(),
                "--train-images", localFile(data.trainFiles().images()),
                "--train-labels", localFile(data.trainFiles().labels()),
                "--test-images", localFile(data.testFiles().images()),
                "--test-labels", localFile(data.testFiles().labels()),
                "--train-limit", Integer.toString(job.trainLimit()),
                "--test-limit", Integer.toString(job.testLimit()),
                "--scale-max", Double.toString(job.scaling().scaleMax()),
                "--order", order.toString(),
                "--hidden", Arrays.stream(job.model().hidden()).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                "--activation", job.model().activation().name().toLowerCase(Locale.ROOT),
                "--classes", Integer.toString(data.numClasses()),
                "--lr", Double.toString(job.lrSettings().lrStart()),
                "--batch", Integer.toString(job.batchSize()),
                "--epochs", Integer.toString(job.epochs()),
                "--seed", Long.toString(job.seed()),
                "--threads", Integer.toString(threads),
                "--run", Integer.toString(run),
                "--label", label(threads),
                "--out", result.toString()));
        String threadCount = Integer.toString(threads);
        ChildProcess.run(label(threads) + " run " + run, command, Map.of("OMP_NUM_THREADS", threadCount,
                "OPENBLAS_NUM_THREADS", "1", "MKL_NUM_THREADS", "1"), dir.resolve("console.log"));
        return BenchJson.read(result);
    }

    static String label(int threads) {
        return BenchSystem.PYTORCH.configName() + " " + threads + (threads == 1 ? " thread" : " threads");
    }

    private static void copyScript(Path target) {
        try (InputStream in = TorchPeer.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("bench: " + SCRIPT + " is missing from the classpath (io/milr/bench)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot write " + target, e);
        }
    }

    /** The local path of a (qualified) Hadoop path, or null when it is on another file system. */
    private static String localFile(org.apache.hadoop.fs.Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || scheme.equals("file") ? path.toUri().getPath() : null;
    }
}
