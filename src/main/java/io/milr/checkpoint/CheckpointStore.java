package io.milr.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.milr.report.FileDigest;
import io.milr.report.MetricsJson;
import io.milr.report.RunDirectory;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoints of one run, in {@code checkpoints/} of its run directory (any Hadoop file system),
 * one directory per epoch:
 * <pre>
 *   checkpoints/epoch-0003/model.zip      the network with its updater state (DL4J ModelSerializer)
 *                          metrics.jsonl  the run's metrics.jsonl as it was after epoch 3
 *                          state.json     epoch, seed, policy state, effective configuration, and the
 *                                         length and CRC-32 of the two files above
 * </pre>
 * A checkpoint is written whole into {@code checkpoints/.epoch-0003.<random>.tmp}, then renamed to
 * {@code epoch-0003}. On HDFS and local file systems that rename is atomic, so {@code epoch-N}
 * exists complete or not at all. On an object store (S3A) a rename copies file by file and can stop
 * half-way; the manifest in state.json tells such a partial checkpoint from a complete one, and
 * {@link #latest} skips it. The oldest checkpoints beyond {@code keep} are deleted only once a newer
 * one is complete.
 */
public final class CheckpointStore {
    public static final String DIRECTORY = "checkpoints";
    static final String MODEL = "model.zip";
    static final String METRICS = "metrics.jsonl";
    static final String STATE = "state.json";
    private static final Pattern COMPLETE_NAME = Pattern.compile("epoch-(\\d{1,9})");
    private static final Pattern TEMPORARY_NAME = Pattern.compile("\\.epoch-(\\d{1,9})\\..+\\.tmp");

    private final FileSystem fs;
    private final Path root;

    private CheckpointStore(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    public static CheckpointStore of(RunDirectory run) {
        return new CheckpointStore(run.fileSystem(), run.path(DIRECTORY));
    }

    /** The newest complete checkpoint, where it is, and what newer (or temporary) ones were skipped and why. */
    public record Found(Checkpoint checkpoint, String location, List<String> skipped) {
        public Found {
            skipped = List.copyOf(skipped);
        }

        /** The error for a checkpoint whose state does not fit the run it claims to be from. */
        public CheckpointException corrupt(String problem) {
            return corruptState(new Path(location), problem);
        }
    }

    public String uri() {
        return root.toString();
    }

    /**
     * Removes the checkpoints of an earlier run from a run directory reused with {@code --overwrite},
     * so that a later {@code --resume} can never continue that run with this one's files.
     */
    public void clear() {
        try {
            fs.delete(root, true);
        } catch (IOException e) {
            throw new UncheckedIOException("removing the earlier run's checkpoints in " + root + " failed", e);
        }
    }

    /**
     * Writes {@code checkpoint} as {@code epoch-N}, atomically, then deletes the oldest complete
     * checkpoints beyond {@code keep} and leftovers of interrupted writes. An {@code epoch-N} already
     * there (the partial copy of a crashed run) is replaced.
     */
    public void write(Checkpoint checkpoint, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, found " + keep);
        }
        Path target = new Path(root, name(checkpoint.epoch()));
        Path temporary = new Path(root, "." + name(checkpoint.epoch()) + "." + UUID.randomUUID() + ".tmp");
        try {
            if (!fs.mkdirs(temporary)) {
                throw new IOException("cannot create " + temporary);
            }
            FileDigest model = writeFile(new Path(temporary, MODEL),
                    out -> ModelSerializer.writeModel(checkpoint.network(), out, true));
            FileDigest metrics = writeFile(new Path(temporary, METRICS),
                    out -> out.write(checkpoint.metrics().getBytes(StandardCharsets.UTF_8)));
            String state = StateFile.json(new StateFile.Content(checkpoint.epoch(), checkpoint.seed(),
                    checkpoint.policy(), checkpoint.config()), Map.of(MODEL, model, METRICS, metrics));
            writeFile(new Path(temporary, STATE), out -> out.write(state.getBytes(StandardCharsets.UTF_8)));
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("writing checkpoint " + target + " failed; the earlier checkpoints are unchanged", e);
        }
        prune(checkpoint.epoch(), keep);
    }

    /**
     * The newest complete checkpoint. Temporary directories and checkpoints whose files are missing or
     * do not match state.json's lengths and CRC-32s (what an interrupted write or copy leaves) are
     * skipped and listed.
     *
     * @throws CheckpointException when there is no checkpoints directory or no complete checkpoint,
     *         or when the newest complete one's state.json does not hold a valid state
     */
    public Found latest() {
        try {
            if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
                throw new CheckpointException(root + ": no such directory; expected the checkpoints (epoch-N directories)"
                        + " that train writes into its run directory after every epoch");
            }
            List<String> skipped = new ArrayList<>();
            NavigableMap<Integer, Path> complete = new TreeMap<>();
            for (FileStatus entry : fs.listStatus(root)) {
                String name = entry.getPath().getName();
                if (entry.isDirectory() && COMPLETE_NAME.matcher(name).matches()) {
                    complete.put(epochOf(name), entry.getPath());
                } else if (TEMPORARY_NAME.matcher(name).matches()) {
                    skipped.add(name + ": a write that never finished (temporary directory)");
                }
            }
            for (Map.Entry<Integer, Path> candidate : complete.descendingMap().entrySet()) {
                Path dir = candidate.getValue();
                try {
                    JsonNode state = requireComplete(dir);
                    return new Found(read(dir, candidate.getKey(), state), dir.toString(), skipped);
                } catch (Incomplete e) {
                    skipped.add(dir.getName() + ": " + e.getMessage());
                }
            }
            throw new CheckpointException("no complete checkpoint in " + root + "; expected a directory epoch-N holding "
                    + MODEL + ", " + METRICS + " and " + STATE + " with the lengths and CRC-32s " + STATE + " records"
                    + (skipped.isEmpty() ? " (the directory is empty)" : "; skipped: " + String.join("; ", skipped)));
        } catch (IOException e) {
            throw new CheckpointException(root + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Why a checkpoint directory is not a complete checkpoint. */
    private static final class Incomplete extends Exception {
        Incomplete(String reason) {
            super(reason, null, false, false);
        }
    }

    private JsonNode requireComplete(Path dir) throws IOException, Incomplete {
        Path statePath = new Path(dir, STATE);
        if (!fs.exists(statePath)) {
            throw new Incomplete(STATE + " is missing");
        }
        JsonNode state = StateFile.whole(readString(statePath))
                .orElseThrow(() -> new Incomplete(STATE + " is not a whole JSON object (cut short?)"));
        Map<String, FileDigest> recorded;
        try {
            recorded = StateFile.files(state);
        } catch (IllegalArgumentException e) {
            throw corruptState(dir, e.getMessage());
        }
        for (String name : List.of(MODEL, METRICS)) {
            FileDigest expected = recorded.get(name);
            if (expected == null) {
                throw corruptState(dir, "\"files\" does not list " + name);
            }
            Path file = new Path(dir, name);
            if (!fs.exists(file)) {
                throw new Incomplete(name + " is missing");
            }
            FileDigest actual;
            try (InputStream in = fs.open(file)) {
                actual = FileDigest.of(in);
            }
            Optional<String> disagreement = actual.disagreement(expected, STATE);
            if (disagreement.isPresent()) {
                throw new Incomplete(name + " " + disagreement.get());
            }
        }
        return state;
    }

    private Checkpoint read(Path dir, int epoch, JsonNode state) throws IOException {
        StateFile.Content content;
        try {
            content = StateFile.content(state);
        } catch (IllegalArgumentException e) {
            throw corruptState(dir, e.getMessage());
        }
        if (content.epoch() != epoch) {
            throw corruptState(dir, "\"epoch\" is " + content.epoch() + ", expected " + epoch + " as the directory's name says");
        }
        String metrics = readString(new Path(dir, METRICS));
        requireEpochs(dir, metrics, epoch);
        MultiLayerNetwork network;
        try (InputStream in = fs.open(new Path(dir, MODEL))) {
            network = ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(new Path(dir, MODEL) + ": cannot be read as a DL4J model with its updater"
                    + " state: " + e.getMessage(), e);
        }
        try {
            return new Checkpoint(epoch, network, content.policy(), content.seed(), content.config(), metrics);
        } catch (IllegalArgumentException e) {
            throw corruptState(dir, e.getMessage());
        }
    }

    /** The metrics copy must describe epochs 0..epoch, one line each: the run's history up to the checkpoint. */
    private static void requireEpochs(Path dir, String metrics, int epoch) {
        String[] lines = metrics.isEmpty() ? new String[0] : metrics.split("\n");
        for (int e = 0; e < lines.length; e++) {
            int found;
            try {
                found = MetricsJson.parse(lines[e]).epoch();
            } catch (IllegalArgumentException ex) {
                throw new CheckpointException(new Path(dir, METRICS) + " line " + (e + 1) + ": " + ex.getMessage());
            }
            if (found != e) {
                throw new CheckpointException(new Path(dir, METRICS) + " line " + (e + 1) + ": epoch " + found
                        + ", expected " + e);
            }
        }
        if (lines.length != epoch + 1) {
            throw new CheckpointException(new Path(dir, METRICS) + ": " + lines.length + " line(s), expected " + (epoch + 1)
                    + " (epochs 0.." + epoch + ")");
        }
    }

    private static CheckpointException corruptState(Path dir, String problem) {
        return new CheckpointException(new Path(dir, STATE) + ": corrupt checkpoint state: " + problem + ". milr writes"
                + " a checkpoint whole, so this one was changed since; move " + dir + " aside to resume from the"
                + " checkpoint before it.");
    }

    private FileDigest writeFile(Path file, RunDirectory.Content content) throws IOException {
        try (FSDataOutputStream out = fs.create(file, false)) {
            FileDigest.Recorder recorder = new FileDigest.Recorder(new BufferedOutputStream(out, 1 << 16));
            content.writeTo(recorder);
            recorder.close();
            // On the disk before the rename publishes it, where the file system can (HDFS, local);
            // object stores make an object visible whole on close, and S3A warns on hsync.
            if (out.hasCapability(StreamCapabilities.HSYNC)) {
                out.hsync();
            }
            return recorder.digest();
        }
    }

    /**
     * Keeps the newest {@code keep} checkpoints up to {@code epoch} (the one just written among them);
     * deletes older ones and temporary leftovers. Newer directories (partial ones of a crashed run)
     * stay until this run writes their epoch. Best effort: a checkpoint that cannot be deleted costs
     * space, not correctness.
     */
    private void prune(int epoch, int keep) {
        try {
            List<Integer> older = new ArrayList<>();
            for (FileStatus entry : fs.listStatus(root)) {
                String name = entry.getPath().getName();
                if (TEMPORARY_NAME.matcher(name).matches()) {
                    fs.delete(entry.getPath(), true);
                } else if (COMPLETE_NAME.matcher(name).matches() && epochOf(name) < epoch) {
                    older.add(epochOf(name));
                }
            }
            older.sort((a, b) -> Integer.compare(b, a));
            for (int e : older.subList(Math.min(older.size(), keep - 1), older.size())) {
                fs.delete(new Path(root, name(e)), true);
            }
        } catch (IOException ignored) {
            // Left for the next prune.
        }
    }

    private void deleteQuietly(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException ignored) {
            // A temporary directory left behind is skipped when resuming and removed by the next prune.
        }
    }

    private String readString(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String name(int epoch) {
        return String.format(Locale.ROOT, "epoch-%04d", epoch);
    }

    private static int epochOf(String name) {
        Matcher m = Pattern.compile("\\.?epoch-(\\d{1,9}).*").matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint name: " + name);
        }
        return Integer.parseInt(m.group(1));
    }
}
