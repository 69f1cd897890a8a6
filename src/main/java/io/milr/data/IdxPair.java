package io.milr.data;

import org.apache.hadoop.fs.Path;

/** The image file and the label file of one IDX data set (e.g. MNIST's training set). */
public record IdxPair(Path images, Path labels) {

    public IdxPair {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels paths must not be null");
        }
    }
}
