package io.milr.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data sets that scripts/fetch-data.sh puts under data/ of the Maven basedir. */
final class DataOnDisk {

    static final Path MNIST_DIR = Path.of("data", "mnist");
    static final Path FASHION_DIR = Path.of("data", "fashion-mnist");

    private DataOnDisk() {
    }

    /** A relative prefix such as {@code data/mnist/train}. */
    static String mnistPrefix(String split) {
        requirePresent(MNIST_DIR.resolve(split + "-images-idx3-ubyte"));
        return MNIST_DIR.resolve(split).toString();
    }

    /** A {@code file:} URI prefix such as {@code file:///work/x/data/fashion-mnist/t10k}. */
    static String fashionPrefixUri(String split) {
        requirePresent(FASHION_DIR.resolve(split + "-images-idx3-ubyte.gz"));
        return FASHION_DIR.resolve(split).toAbsolutePath().toUri().toString();
    }

    private static void requirePresent(Path file) {
        if (!Files.isRegularFile(file)) {
            fail(file.toAbsolutePath() + " is missing: these tests read the real MNIST and"
                    + " Fashion-MNIST files; run scripts/fetch-data.sh from the repository root first");
        }
    }
}
