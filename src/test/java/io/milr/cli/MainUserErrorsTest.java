package io.milr.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every user error in the configuration and the input, through the command line: exit status 2, one
 * line "milr: ..." naming the file and line or the key, no stack trace, and the files of an earlier
 * run in the run directory (reused with --overwrite) byte for byte unchanged. What the driver can
 * find (configuration, missing files, IDX headers and labels) it finds with Spark never started;
 * what is inside text files the executors find in their check pass ({@link #assertRefusedByTheCheckPass}).
 */
class MainUserErrorsTest {
    private static final SparkContexts NO_SPARK = new SparkContexts() {
        @Override
        public org.apache.spark.api.java.JavaSparkContext start(org.apache.spark.SparkConf conf) {
            throw new AssertionError("Spark was started, but the error was to be found before");
        }

        @Override
        public void finish(org.apache.spark.api.java.JavaSparkContext sc) {
        }
    };

    @TempDir
    Path dir;
    private Path run;
    private Map<String, byte[]> earlierRun;

    @BeforeEach
    void anEarlierRun() throws IOException {
        run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.properties"), "model=mlp\n");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":0}\n");
        Files.write(run.resolve("model.zip"), new byte[] {80, 75, 3, 4, 1, 2, 3});
        earlierRun = contents(run);
    }

    private static Map<String, byte[]> contents(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, byte[]> bytes = new TreeMap<>();
            files.forEach(f -> bytes.put(f.getFileName().toString(), read(f)));
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code train ARGS --out RUN --overwrite} and checks everything a refusal must be. */
    private void assertRefused(String expectedMessage, String... args) {
        assertRefused(NO_SPARK, expectedMessage, args);
    }

    /** As {@link #assertRefused}, the error found by the executors of a real (local) Spark before training. */
    private void assertRefusedByTheCheckPass(String expectedMessage, String... args) {
        assertRefused(SparkContexts.lent(io.milr.testing.LocalSpark.context()), expectedMessage, args);
    }

    private void assertRefused(SparkContexts contexts, String expectedMessage, String... args) {
        String[] all = Stream.concat(Stream.of("train"), Stream.concat(Arrays.stream(args),
                Stream.of("--out", run.toString(), "--overwrite"))).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(all, new PrintStream(out, true), new PrintStream(err, true), contexts);

        assertEquals("milr: " + expectedMessage + "\n", err.toString(), "the message, one line");
        assertEquals(2, status);
        assertFalse(err.toString().contains("\tat "), "no stack trace");
        Map<String, byte[]> now = contents(run);
        assertEquals(earlierRun.keySet(), now.keySet(), "no file added or removed");
        earlierRun.forEach((name, bytes) -> assertArrayEquals(bytes, now.get(name), name + " unchanged"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String uri(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private Path copyOfMnist(String name, String as, long bytes) throws IOException {
        byte[] content = Files.readAllBytes(Path.of("data/mnist", name));
        return Files.write(dir.resolve(as), Arrays.copyOf(content, (int) Math.min(bytes, content.length)));
    }

    // Input files

    @Test
    void missingInput() {
        Path missing = dir.resolve("no-such-dir");
        assertRefused(uri(missing) + ": no such file or directory; expected a data file or a directory of data files",
                "--set", "data.format=csv", "--set", "data.train=" + missing, "--set", "data.test=" + missing);
    }

    @Test
    void emptyInput() throws IOException {
        write("parts/_SUCCESS", "");
        write("empty/part-00000.csv", "\n");
        assertRefused(uri(dir.resolve("parts")) + ": the directory holds no data files (names starting with '.' or '_'"
                        + " are skipped, and so are subdirectories); expected at least one file",
                "--set", "data.format=csv", "--set", "data.train=" + dir.resolve("parts"));
        assertRefusedByTheCheckPass("data.train = " + dir.resolve("empty") + ": holds no examples; expected lines of"
                        + " a label and features separated by ','",
                "--set", "data.format=csv", "--set", "data.train=" + dir.resolve("empty"));
    }

    @Test
    void truncatedIdxFile() throws IOException {
        copyOfMnist("t10k-images-idx3-ubyte", "cut-images-idx3-ubyte", 16 + 784 * 3);
        copyOfMnist("t10k-labels-idx1-ubyte", "cut-labels-idx1-ubyte", Long.MAX_VALUE);
        assertRefused(uri(dir.resolve("cut-images-idx3-ubyte")) + ": file is truncated: its header declares 10000"
                        + " images of 28x28, i.e. 7840000 bytes after the 16-byte header, but the file ends after 2352"
                        + " of them", "--set", "data.train=" + dir.resolve("cut"));
    }

    @Test
    void idxImageAndLabelCountsThatDiffer() throws IOException {
        copyOfMnist("t10k-images-idx3-ubyte", "mixed-images-idx3-ubyte", Long.MAX_VALUE);
        copyOfMnist("train-labels-idx1-ubyte", "mixed-labels-idx1-ubyte", Long.MAX_VALUE);
        assertRefused(uri(dir.resolve("mixed-images-idx3-ubyte")) + ": declares 10000 images but its label file "
                        + uri(dir.resolve("mixed-labels-idx1-ubyte")) + " declares 60000 labels; expected the same"
                        + " count in both files", "--set", "data.test=" + dir.resolve("mixed"));
    }

    @Test
    void idxFileWithTheWrongMagicNumber() throws IOException {
        copyOfMnist("t10k-labels-idx1-ubyte", "swapped-images-idx3-ubyte", Long.MAX_VALUE);
        copyOfMnist("t10k-labels-idx1-ubyte", "swapped-labels-idx1-ubyte", Long.MAX_VALUE);
        assertRefused(uri(dir.resolve("swapped-images-idx3-ubyte")) + ": IDX magic number is 2049 (a label file?),"
                + " expected 2051 for an image file", "--set", "data.train=" + dir.resolve("swapped"));
    }

    private String[] csv(Path train, String... more) {
        return Stream.concat(Stream.of("--set", "data.format=csv", "--set", "data.train=" + train,
                "--set", "data.test=" + train), Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void csvLineWithTheWrongNumberOfFeatures() throws IOException {
        write("parts/part-00000.csv", "0,0.1,0.2,0.3\n1,0.4,0.5,0.6\n");
        Path second = write("parts/part-00001.csv", "1,0.1,0.2,0.3\n0,0.4,0.5,0.6\n1,0.7,0.8\n");
        assertRefusedByTheCheckPass(uri(second) + " line 3: 2 features, expected 3 like " + uri(second)
                + " line 1 (separator ',')", csv(dir.resolve("parts")));
        Files.delete(second);
        Path third = write("parts/part-00002.csv", "1,0.1,0.2\n0,0.4,0.5\n");
        assertRefusedByTheCheckPass(uri(third) + ": 2 features per example, expected 3 like "
                + uri(dir.resolve("parts/part-00000.csv")), csv(dir.resolve("parts")));
    }

    @Test
    void csvValuesThatAreNotNumbersOrNotFinite() throws IOException {
        Path letters = write("letters.csv", "0,0.1,0.2\n1,0.4,O.5\n");
        assertRefusedByTheCheckPass(uri(letters) + " line 2 column 3: 'O.5' is not a number; expected a feature value", csv(letters));
        Path nan = write("nan.csv", "0,0.1,0.2\n1,nan,0.5\n");
        assertRefusedByTheCheckPass(uri(nan) + " line 2 column 2: feature value 'nan' is NaN; expected a finite number", csv(nan));
        Path infinite = write("infinite.csv", "0,0.1,0.2\n1,0.4,Infinity\n");
        assertRefusedByTheCheckPass(uri(infinite) + " line 2 column 3: feature value 'Infinity' is infinite; expected a finite number",
                csv(infinite));
    }

    @Test
    void labelsOutsideTheClasses() throws IOException {
        Path csv = write("labels.csv", "0,0.1\n1,0.2\n2,0.3\n7,0.4\n");
        assertRefusedByTheCheckPass(uri(csv) + " line 4 column 1: label 7 is not a class index 0..2 (model.outputs=3)",
                csv(csv, "--set", "model.outputs=3"));
        assertRefused(uri(Path.of("data/mnist/train-labels-idx1-ubyte")) + " example 0: label 5 is not a class index"
                + " 0..4 (model.outputs=5)", "--set", "model.outputs=5", "--set", "data.trainLimit=100");
        Path svm = write("binary.svm", "1 1:0.5\n-1 2:0.5\n");
        assertRefusedByTheCheckPass(uri(svm) + " line 2: label -1 is not a class index 0..999 (milr takes at most 1000 classes)"
                        + " (LibSVM's -1/+1 binary labels must be mapped to 0/1)",
                "--set", "data.format=libsvm", "--set", "data.train=" + svm, "--set", "data.test=" + svm);
    }

    @Test
    void aSingleClass() throws IOException {
        Path csv = write("one-class.csv", "3,0.1\n3,0.2\n3,0.3\n");
        assertRefusedByTheCheckPass("data.train = " + csv + ": all 3 training examples have the same label (3); MI-driven training"
                + " needs at least two classes. Is data.csv.labelColumn (0) the label?", csv(csv));
    }

    @Test
    void anOutputLayerWhoseSizeDiffersFromTheNumberOfClasses() {
        assertRefused("Configuration key 'model.outputs' = 12 classes, but the labels of data.train and data.test span"
                        + " 10 (0..9); expected model.outputs=10, or leave it empty to take the number of classes from"
                        + " the data.",
                "--set", "model.outputs=12", "--set", "data.trainLimit=500", "--set", "data.testLimit=100");
    }

    // Configuration

    @Test
    void unknownKeyWithADidYouMean() {
        assertRefused("Unknown configuration key 'data.csv.seperator' (from --set). Did you mean 'data.csv.separator'?"
                + " Run 'milr keys' for the list of keys.", "--set", "data.csv.seperator=;");
    }

    @Test
    void lrMinNotBelowLrMax() {
        assertRefused("Configuration key 'lr.min' (from --set): found '0.5', expected lr.min < lr.max, lr.start within"
                + " them (lr.max must be a finite number greater than lr.min (0.5), found 0.5).",
                "--set", "lr.min=0.5", "--set", "lr.max=0.5");
    }

    @Test
    void valuesOutOfRange() {
        assertRefused("Configuration key 'train.epochs' (from --set): found '0', expected a whole number >= 1.",
                "--set", "train.epochs=0");
        assertRefused("Configuration key 'model.outputs' (from --set): found '1', expected a whole number of classes,"
                + " 2..1000 (out of range).", "--set", "model.outputs=1");
    }

    @Test
    void keysThatDoNotFitTogether() {
        assertRefused("Configuration key 'model' = 'cnn' needs images, but data.format = 'csv' holds flat feature"
                + " vectors: set data.imageShape=HxW (e.g. 28x28) to say how the features form an image, or use"
                + " model=mlp.", "--set", "model=cnn", "--set", "data.format=csv");
        assertRefused("Configuration key 'data.csv.header' (from --set) = 'true' applies to data.format=csv only"
                + " ('data.format' = 'libsvm', from --set).", "--set", "data.format=libsvm", "--set", "data.csv.header=true");
        assertRefused("Configuration key 'data.scaleMax' needs a value: data.scale=unit divides every feature by it,"
                + " and only IDX pixels have a default (255); data.format is csv. Set data.scaleMax to the largest"
                + " value a feature can take, or choose another data.scale.",
                "--set", "data.format=csv", "--set", "data.scale=unit");
    }

    @Test
    void anExistingRunDirectoryWithoutOverwrite() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"train", "--set", "data.trainLimit=100", "--set", "data.testLimit=100",
                "--out", run.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), NO_SPARK);

        assertEquals(2, status);
        assertEquals("milr: --out " + run + ": already holds 3 file(s) of an earlier run (e.g. ", err.toString()
                .substring(0, err.toString().indexOf("(e.g. ") + 6));
        assertFalse(err.toString().contains("\tat "));
        Map<String, byte[]> now = contents(run);
        earlierRun.forEach((name, bytes) -> assertArrayEquals(bytes, now.get(name), name + " unchanged"));
    }
}
