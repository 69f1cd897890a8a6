package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One LibSVM file of a data set, read by a task with milr's {@link LibSvmReader}. Without a declared
 * number of features its examples are as wide as the file's largest index; the driver widens every
 * file to the largest index of the whole data set.
 */
public record LibSvmFileSlice(String file, LabelRange labels, int features, String featuresSource)
        implements ExampleSlice {

    @Override
    public LabeledData read(Configuration conf) {
        LibSvmReader reader = new LibSvmReader(labels, conf);
        if (features > 0) {
            reader.expectingFeatures(features, featuresSource);
        }
        return reader.readFile(new Path(file));
    }

    @Override
    public String describe() {
        return file;
    }
}
