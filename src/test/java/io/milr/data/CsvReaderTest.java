package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CSV files and directories of them, and every way a line can be wrong. */
class CsvReaderTest {
    private static final Configuration CONF = new Configuration();
    private static final CsvFormat LABEL_FIRST = new CsvFormat(0, false, ',');
    private static final LabelRange TEN = new LabelRange(10, "model.outputs=10");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private LabeledVectors read(Path path, CsvFormat format) {
        return new CsvReader(format, TEN, CONF).read(InputFiles.list(path.toString(), CONF), 0);
    }

    private String failure(Path path, CsvFormat format) {
        return assertThrows(DataFormatException.class, () -> read(path, format)).getMessage();
    }

    private static String uri(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    @Test
    void readsLabelsAndFeaturesWithTheLabelInAnyColumn() throws IOException {
        LabeledVectors first = read(write("a.csv", "3,0.5,1\n\n1,2,-4e-1\n"), LABEL_FIRST);
        assertEquals(new LabeledVectors(2, new float[] {0.5f, 1, 2, -0.4f}, new int[] {3, 1}), first);

        CsvFormat lastWithHeader = new CsvFormat(CsvFormat.LAST_COLUMN, true, '\t');
        LabeledVectors last = read(write("b.tsv", "x\ty\tlabel\r\n0.5\t1\t3\r\n2\t-0.4\t1.0\r\n"), lastWithHeader);
        assertEquals(first, last, "same examples, other layout; CRLF line ends and a label written 1.0");

        LabeledVectors middle = read(write("c.csv", "0.5;3;1\n2;1;-0.4\n"), new CsvFormat(1, false, ';'));
        assertEquals(first, middle);
    }

    @Test
    void readsEveryDataFileOfADirectoryInNameOrderSkippingMarkersHiddenFilesAndSubdirectories() throws IOException {
        write("parts/part-00001.csv", "2,20\n");
        write("parts/part-00000.csv", "1,10\n");
        write("parts/_SUCCESS", "");
        write("parts/.part-00000.csv.crc", "garbage");
        write("parts/nested/part-9.csv", "garbage");
        gzip(dir.resolve("parts/part-00002.csv.gz"), "3,30\n");

        LabeledVectors all = read(dir.resolve("parts"), LABEL_FIRST);
        assertArrayEquals(new int[] {1, 2, 3}, all.labels());
        assertArrayEquals(new float[] {10, 20, 30}, all.features());

        LabeledVectors two = new CsvReader(LABEL_FIRST, TEN, CONF).read(InputFiles.list(dir + "/parts", CONF), 2);
        assertArrayEquals(new int[] {1, 2}, two.labels(), "a limit stops reading early");
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLineWithAnotherNumberOfFeaturesNamesFileLineAndTheLineItDiffersFrom() throws IOException {
        write("parts/part-00000.csv", "1,0,0,0\n2,0,0,0\n");
        Path second = write("parts/part-00001.csv", "1,0,0,0\n1,0,0,0\n1,0,0\n");
        assertEquals(uri(second) + " line 3: 2 features, expected 3 like " + uri(dir.resolve("parts/part-00000.csv"))
                + " line 1 (separator ',')", failure(dir.resolve("parts"), LABEL_FIRST));
    }

    @Test
    void theTestSetMustHaveTheTrainingSetsNumberOfFeatures() throws IOException {
        Path train = write("train.csv", "1,0,0\n2,0,0\n");
        Path test = write("test.csv", "1,0,0,0\n");
        CsvReader reader = new CsvReader(LABEL_FIRST, TEN, CONF);
        reader.read(InputFiles.list(train.toString(), CONF), 0);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> reader.read(InputFiles.list(test.toString(), CONF), 0));
        assertEquals(uri(test) + " line 1: 3 features, expected 2 like " + uri(train) + " line 1 (separator ',')",
                e.getMessage());

        CsvReader declared = new CsvReader(LABEL_FIRST, TEN, CONF).expectingFeatures(3, "data.numFeatures");
        e = assertThrows(DataFormatException.class, () -> declared.read(InputFiles.list(train.toString(), CONF), 0));
        assertEquals(uri(train) + " line 1: 2 features, expected 3 (data.numFeatures) (separator ',')", e.getMessage());
    }

    @Test
    void badFieldsNameLineColumnWhatWasFoundAndWhatWasExpected() throws IOException {
        assertEquals(uri(dir.resolve("a.csv")) + " line 2 column 3: '0.3x' is not a number; expected a feature value",
                failure(write("a.csv", "1,0.1,0.2\n1,0.2,0.3x\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("b.csv")) + " line 2 column 2: feature value 'NaN' is NaN; expected a finite number",
                failure(write("b.csv", "1,0.1,0.2\n1,NaN,0.3\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("c.csv")) + " line 1 column 3: feature value '-inf' is infinite; expected a finite"
                + " number (if line 1 is a header, set data.csv.header=true)",
                failure(write("c.csv", "1,0.1,-inf\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("d.csv")) + " line 2 column 2: feature value '1e39' is beyond the float range"
                + " (about ±3.4e38); expected a finite number", failure(write("d.csv", "1,0,0\n1,1e39,0\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("e.csv")) + " line 2 column 3: the field is empty; expected a number",
                failure(write("e.csv", "1,0,0\n1,0,\n"), LABEL_FIRST));
    }

    @Test
    void labelsMustBeClassIndicesBelowTheBound() throws IOException {
        assertEquals(uri(dir.resolve("a.csv")) + " line 2 column 1: label 10 is not a class index 0..9"
                + " (model.outputs=10)", failure(write("a.csv", "9,0\n10,0\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("b.csv")) + " line 2 column 1: label -1 is not a class index 0..9"
                + " (model.outputs=10)", failure(write("b.csv", "0,0\n-1,0\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("c.csv")) + " line 2 column 1: label '2.5' is not a whole number; expected a class"
                + " index 0..9", failure(write("c.csv", "0,0\n2.5,0\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("d.csv")) + " line 1 column 1: label 'label' is not a whole number; expected a"
                + " class index 0..9 (if line 1 is a header, set data.csv.header=true)",
                failure(write("d.csv", "label,x\n0,0\n"), LABEL_FIRST));
        assertEquals(uri(dir.resolve("e.csv")) + " line 2: 2 column(s), but the label is in column 4 (0-based index 3);"
                + " expected at least 4 columns", failure(write("e.csv", "0,0,0,0\n1,0\n"), new CsvFormat(3, false, ',')));
    }

    @Test
    void missingOrEmptyInputIsNamed() throws IOException {
        Path missing = dir.resolve("nothing-here");
        assertEquals(uri(missing) + ": no such file or directory; expected a data file or a directory of data files",
                failure(missing, LABEL_FIRST));
        write("parts/_SUCCESS", "");
        assertEquals(uri(dir.resolve("parts")) + ": the directory holds no data files (names starting with '.' or '_'"
                + " are skipped, and so are subdirectories); expected at least one file",
                failure(dir.resolve("parts"), LABEL_FIRST));
        write("empty/part-0.csv", "");
        write("empty/part-1.csv", "label,x\n\n");
        assertEquals(uri(dir.resolve("empty")) + " (2 files): holds no examples (only blank lines and headers);"
                + " expected lines of a label and features separated by ','",
                failure(dir.resolve("empty"), new CsvFormat(0, true, ',')));
    }
}
