package io.milr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private void touch(String name) throws IOException {
        Files.write(dir.resolve(name), new byte[] {0});
    }

    @Test
    void findsRawFilesAsQualifiedPaths() throws IOException {
        touch("train-images-idx3-ubyte");
        touch("train-labels-idx1-ubyte");

        IdxPair files = IdxFiles.locate(dir.resolve("train").toString(), CONF);

        assertEquals(dir.resolve("train-images-idx3-ubyte").toUri().getPath(),
                files.images().toUri().getPath());
        assertEquals("file", files.images().toUri().getScheme());
        assertEquals("train-labels-idx1-ubyte", files.labels().getName());
    }

    @Test
    void prefersRawOverGzippedAndAcceptsMixedForms() throws IOException {
        touch("t10k-images-idx3-ubyte");
        touch("t10k-images-idx3-ubyte.gz");
        touch("t10k-labels.idx1-ubyte.gz");

        IdxPair files = IdxFiles.locate("file://" + dir.resolve("t10k"), CONF);

        assertEquals("t10k-images-idx3-ubyte", files.images().getName());
        assertEquals("t10k-labels.idx1-ubyte.gz", files.labels().getName());
    }

    @Test
    void acceptsDotBeforeIdx() throws IOException {
        touch("train-images.idx3-ubyte");
        touch("train-labels.idx1-ubyte");

        IdxPair files = IdxFiles.locate(dir.resolve("train").toString(), CONF);

        assertEquals("train-images.idx3-ubyte", files.images().getName());
        assertEquals("train-labels.idx1-ubyte", files.labels().getName());
    }

    @Test
    void missingLabelFileListsEveryNameTried() throws IOException {
        touch("train-images-idx3-ubyte");
        String prefix = dir.resolve("train").toString();

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxFiles.locate(prefix, CONF));

        assertEquals(prefix, e.location());
        String message = e.getMessage();
        assertTrue(message.startsWith(prefix + ": no IDX label file found"), message);
        for (String name : new String[] {"train-labels-idx1-ubyte,", "train-labels-idx1-ubyte.gz",
                "train-labels.idx1-ubyte,", "train-labels.idx1-ubyte.gz"}) {
            assertTrue(message.contains(name), () -> name + " missing from: " + message);
        }
        assertTrue(!message.contains("train-images"), message);
        assertTrue(message.contains("scripts/fetch-data.sh"), message);
    }

    @Test
    void missingDataSetNamesBothKinds() {
        String prefix = dir.resolve("nothing").toString();

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxFiles.locate(prefix, CONF));

        assertTrue(e.getMessage().contains("no IDX image and label files found"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() throws IOException {
        Files.createDirectory(dir.resolve("odd-images-idx3-ubyte"));
        touch("odd-labels-idx1-ubyte");

        assertThrows(DataFormatException.class,
                () -> IdxFiles.locate(dir.resolve("odd").toString(), CONF));
    }
}
