package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LibSVM files: sparse lines, the inferred or declared number of features, and every way a line can be wrong. */
class LibSvmReaderTest {
    private static final Configuration CONF = new Configuration();
    private static final LabelRange AT_MOST_1000 = new LabelRange(1000, "milr takes at most 1000 classes");

    @TempDir
    Path dir;

    private InputFiles write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        return InputFiles.list(dir.resolve(name).toString(), CONF);
    }

    private String failure(String text) throws IOException {
        InputFiles file = write("bad.svm", text);
        return assertThrows(DataFormatException.class, () -> new LibSvmReader(AT_MOST_1000, CONF).read(file, 0))
                .getMessage();
    }

    private static float[] dense(LabeledData data, int example) {
        float[] row = new float[data.numFeatures()];
        data.copyFeatures(example, row, 0);
        return row;
    }

    @Test
    void readsSparseLinesWithCommentsAndTheWidthInferredFromBothSets() throws IOException {
        LibSvmReader reader = new LibSvmReader(AT_MOST_1000, CONF);
        SparseLabeledVectors train = reader.read(write("train.svm", "# a comment line\n1 1:0.5 3:2\n\n0 2:-1 # note\n2\n"), 0);
        SparseLabeledVectors test = reader.read(write("test.svm", "1 5:7\n"), 0);

        assertEquals(5, reader.largestIndex(), "the test set's index 5 counts too");
        SparseLabeledVectors wide = train.withNumFeatures(5);
        assertArrayEquals(new int[] {1, 0, 2}, wide.labels());
        assertArrayEquals(new float[] {0.5f, 0, 2, 0, 0}, dense(wide, 0));
        assertArrayEquals(new float[] {0, -1, 0, 0, 0}, dense(wide, 1));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, dense(wide, 2), "a label alone is an all-zero example");
        assertArrayEquals(new float[] {0, 0, 0, 0, 7}, dense(test.withNumFeatures(5), 0));
        assertEquals(2, train.first(2).size());
    }

    @Test
    void aDeclaredNumberOfFeaturesBoundsTheIndices() throws IOException {
        InputFiles file = write("a.svm", "1 1:1\n0 4:1\n");
        assertEquals(6, new LibSvmReader(AT_MOST_1000, CONF).expectingFeatures(6, "data.numFeatures").read(file, 0)
                .numFeatures(), "declared, not inferred");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new LibSvmReader(AT_MOST_1000, CONF).expectingFeatures(3, "data.numFeatures").read(file, 0));
        assertEquals("file:" + dir.resolve("a.svm") + " line 2: feature index 4 in '4:1'; expected indices 1..3"
                + " (data.numFeatures)", e.getMessage());
    }

    @Test
    void badLinesNameFileLineWhatWasFoundAndWhatWasExpected() throws IOException {
        String bad = "file:" + dir.resolve("bad.svm");
        assertEquals(bad + " line 2: feature index 0 in '0:1'; expected indices from 1 (LibSVM's indices are 1-based)",
                failure("1 1:1\n1 0:1\n"));
        assertEquals(bad + " line 1: feature index 2 in '2:1' follows index 3; expected ascending indices",
                failure("1 3:1 2:1\n"));
        assertEquals(bad + " line 1: '0.5' is not index:value; expected LibSVM's 'label index:value index:value ...'",
                failure("1 0.5\n"));
        assertEquals(bad + " line 1 '3:nan': feature value 'nan' is NaN; expected a finite number",
                failure("1 3:nan\n"));
        assertEquals(bad + " line 1 '3:x': 'x' is not a number; expected a feature value", failure("1 3:x\n"));
        assertEquals(bad + " line 3: label -1 is not a class index 0..999 (milr takes at most 1000 classes) (LibSVM's"
                + " -1/+1 binary labels must be mapped to 0/1)", failure("1 1:1\n0 1:1\n-1 1:1\n"));
        assertEquals(bad + ": holds no examples (only blank and comment lines); expected lines of 'label index:value"
                + " index:value ...'", failure("# nothing\n\n"));
    }
}
