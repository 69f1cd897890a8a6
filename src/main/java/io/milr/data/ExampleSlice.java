package io.milr.data;

import org.apache.hadoop.conf.Configuration;

import java.io.Serializable;

/**
 * A run of consecutive examples of a data set that one task reads on its own, on any executor: a
 * record range of IDX files, one text file, or examples a reader already holds. Slices are small to
 * ship; what they read never passes through the driver. A data set's slices, in order, hold its
 * examples in order; where each example stands is counted from the sizes the slices turn out to have.
 */
public interface ExampleSlice extends Serializable {

    /** Reads the slice's examples, raw (unscaled), with labels already checked; possibly none. */
    LabeledData read(Configuration conf);

    /** Where the examples come from (a file), for messages. */
    String describe();
}
