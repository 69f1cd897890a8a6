package io.milr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads IDX files through an hdfs:// URI from an in-process HDFS. */
class HdfsReadTest {

    @TempDir
    static Path baseDir;
    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws IOException {
        File base = baseDir.toFile();
        cluster = new MiniDFSCluster.Builder(new Configuration(), base).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static void write(FileSystem fs, String path, byte[] content) throws IOException {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path))) {
            out.write(content);
        }
    }

    @Test
    void readsAnIdxPairThroughAnHdfsUri() throws IOException {
        LabeledImages data = IdxBytes.numbered(50, 10);
        FileSystem fs = cluster.getFileSystem();
        write(fs, "/mnist/train-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.imageFile(data)));
        write(fs, "/mnist/train-labels-idx1-ubyte", IdxBytes.labelFile(data));
        String prefix = cluster.getURI() + "/mnist/train";
        assertTrue(prefix.startsWith("hdfs://"), prefix);
        // A fresh configuration: the hdfs:// URI alone must be enough to find the cluster.
        Configuration conf = new Configuration();

        IdxPair files = IdxFiles.locate(prefix, conf);

        assertEquals(cluster.getURI() + "/mnist/train-images-idx3-ubyte.gz", files.images().toString());
        assertEquals(data, IdxReader.read(files, 0, conf));
        assertEquals(data.first(7), IdxReader.read(files, 7, conf));
    }

    @Test
    void readsADirectoryOfCsvPartsThroughAnHdfsUriAndNamesTheBadLine() throws IOException {
        FileSystem fs = cluster.getFileSystem();
        write(fs, "/csv/part-00000", "0,1,2\n1,3,4\n".getBytes());
        write(fs, "/csv/part-00001", "1,5,6\n".getBytes());
        write(fs, "/csv/_SUCCESS", new byte[0]);
        write(fs, "/bad/part-00000", "0,1,2\n1,3\n".getBytes());
        Configuration conf = new Configuration();
        CsvReader reader = new CsvReader(new CsvFormat(0, false, ','), new LabelRange(2, "model.outputs=2"), conf);

        LabeledVectors read = reader.read(InputFiles.list(cluster.getURI() + "/csv", conf), 0);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> reader.read(InputFiles.list(cluster.getURI() + "/bad", conf), 0));

        assertEquals(new LabeledVectors(2, new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 1}), read);
        assertEquals(cluster.getURI() + "/bad/part-00000 line 2: 1 feature, expected 2 like " + cluster.getURI()
                + "/csv/part-00000 line 1 (separator ',')", e.getMessage());
    }

    @Test
    void errorsNameTheHdfsUri() throws IOException {
        LabeledImages data = IdxBytes.numbered(5, 2);
        FileSystem fs = cluster.getFileSystem();
        write(fs, "/bad/train-images-idx3-ubyte", IdxBytes.labelFile(data));
        write(fs, "/bad/train-labels-idx1-ubyte", IdxBytes.labelFile(data));
        Configuration conf = new Configuration();
        IdxPair files = IdxFiles.locate(cluster.getURI() + "/bad/train", conf);

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(files, 0, conf));

        assertTrue(e.getMessage().startsWith(cluster.getURI() + "/bad/train-images-idx3-ubyte: "
                + "IDX magic number is 2049 (a label file?), expected 2051"), e.getMessage());
    }
}
