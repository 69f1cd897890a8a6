package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Records {@code [fileFirst, fileFirst + size)} of one IDX image/label file pair, which are examples
 * {@code [first, first + size)} of the data set the pair belongs to. Paths travel as strings (Hadoop's
 * {@link Path} is not serializable).
 */
public record IdxSlice(String images, String labels, int fileFirst, int size, long first, LabelRange labelRange)
        implements ExampleSlice {

    static IdxSlice of(IdxPair files, int fileFirst, int size, long first, LabelRange labelRange) {
        return new IdxSlice(files.images().toString(), files.labels().toString(), fileFirst, size, first, labelRange);
    }

    /** @throws DataFormatException naming the label file and example when a label is out of range */
    @Override
    public LabeledData read(Configuration conf) {
        LabeledImages examples = IdxReader.readRange(new IdxPair(new Path(images), new Path(labels)), fileFirst, size, conf);
        for (int i = 0; i < examples.size(); i++) {
            if (!labelRange.contains(examples.label(i))) {
                throw new DataFormatException(labels + " example " + (fileFirst + i), labelRange.problemWith(examples.label(i)));
            }
        }
        return examples;
    }

    @Override
    public String describe() {
        return images;
    }
}
