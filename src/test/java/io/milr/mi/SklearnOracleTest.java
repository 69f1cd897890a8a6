package io.milr.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import io.milr.testing.SystemPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the plug-in MI against an independent implementation, scikit-learn's mutual_info_score,
 * run by the system python ({@link SystemPython}).
 */
class SklearnOracleTest {

    private static final String ORACLE = String.join("\n",
            "import sys",
            "from sklearn.metrics import mutual_info_score",
            "for path in sys.argv[1:]:",
            "    ys, ps = [], []",
            "    with open(path) as f:",
            "        for line in f:",
            "            y, p = line.split()",
            "            ys.append(int(y))",
            "            ps.append(int(p))",
            "    print(repr(float(mutual_info_score(ys, ps))))");

    private record Sample(int numClasses, int[] labels, int[] predictions) {

        JointHistogram table() {
            JointHistogram table = new JointHistogram(numClasses);
            for (int i = 0; i < labels.length; i++) {
                table.add(predictions[i], labels[i]);
            }
            return table;
        }
    }

    /** Labels uniform over K classes; the prediction is the label with probability {@code accuracy}. */
    private static Sample sample(long seed, int numClasses, int size, double accuracy, int predictedClasses) {
        Random random = new Random(seed);
        int[] labels = new int[size];
        int[] predictions = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(numClasses);
            predictions[i] = random.nextDouble() < accuracy ? labels[i] % predictedClasses
                    : random.nextInt(predictedClasses);
        }
        return new Sample(numClasses, labels, predictions);
    }

    @Test
    void plugInMiAgreesWithSklearnMutualInfoScore(@TempDir Path dir) throws Exception {
        SystemPython.requireSklearn();
        List<Sample> samples = List.of(
                sample(1, 10, 5_000, 0.7, 10),
                sample(2, 3, 50, 0.2, 3),
                sample(3, 7, 2_000, 0.5, 2),
                sample(4, 10, 20_000, 0.97, 10),
                sample(5, 2, 1_000, 0.0, 2));
        List<String> paths = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) {
            Path file = dir.resolve("pairs-" + s + ".txt");
            Files.writeString(file, pairLines(samples.get(s)), StandardCharsets.UTF_8);
            paths.add(file.toString());
        }
        List<String> printed = SystemPython.run(ORACLE, paths);
        assertEquals(samples.size(), printed.size(), "one value per sample expected, got " + printed);
        for (int s = 0; s < samples.size(); s++) {
            double sklearn = Double.parseDouble(printed.get(s).trim());
            double ours = MutualInformation.of(samples.get(s).table(), MiEstimator.PLUGIN).mi();
            assertEquals(sklearn, ours, 1e-9, "sample " + s);
        }
    }

    private static String pairLines(Sample sample) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sample.labels().length; i++) {
            text.append(sample.labels()[i]).append(' ').append(sample.predictions()[i]).append('\n');
        }
        return text.toString();
    }
}
