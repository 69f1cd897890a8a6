package io.milr.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One CSV file of a data set, read by a task with milr's {@link CsvReader}, so that every message
 * names the file, the line and the column as on the driver.
 *
 * @param features the declared number of features, or 0 to take it from the file's first line
 * @param featuresSource where a declared number comes from, for messages
 */
public record CsvFileSlice(String file, CsvFormat format, LabelRange labels, int features, String featuresSource)
        implements ExampleSlice {

    @Override
    public LabeledData read(Configuration conf) {
        CsvReader reader = new CsvReader(format, labels, conf);
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
