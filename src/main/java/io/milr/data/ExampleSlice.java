package io.milr.data;

import org.apache.hadoop.conf.Configuration;

import java.io.Serializable;

/**
 * A run of consecutive examples of a data set that one task reads on its own, on any executor: a
 * record range of IDX files, or examples a text reader already holds. Slices are small to ship; what
 * they read never passes through the driver.
 */
public interface ExampleSlice extends Serializable {

    /** The position of the slice's first example in its data set (slices number examples 0..n-1). */
    long first();

    int size();

    /** Reads the slice's examples, raw (unscaled), with labels already checked. */
    LabeledData read(Configuration conf);
}
