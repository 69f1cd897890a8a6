package io.milr.testing;

import io.milr.data.IdxFiles;
import io.milr.data.IdxReader;
import io.milr.data.LabeledImages;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** Slices of the real MNIST files fetched by scripts/fetch-data.sh into data/mnist. */
public final class Mnist {
    public static final String TRAIN = "data/mnist/train";
    public static final String TEST = "data/mnist/t10k";

    private Mnist() {
    }

    public static LabeledImages train(int examples) {
        return read(TRAIN, examples);
    }

    public static LabeledImages test(int examples) {
        return read(TEST, examples);
    }

    private static LabeledImages read(String prefix, int examples) {
        if (!Files.exists(Path.of("data/mnist/train-images-idx3-ubyte"))) {
            fail("MNIST is missing under data/mnist: run scripts/fetch-data.sh mnist first");
        }
        Configuration conf = new Configuration();
        return IdxReader.read(IdxFiles.locate(prefix, conf), examples, conf);
    }
}
