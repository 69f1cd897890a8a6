package io.milr.bench;

import io.milr.config.JobConfig;
import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.IdxFiles;
import io.milr.data.IdxPair;
import io.milr.data.IdxReader;
import io.milr.data.LabeledImages;
import org.apache.hadoop.conf.Configuration;

/**
 * The bench job's IDX images, read the way milr reads them (same files, limits and scaling), for the
 * systems that train outside Spark, and to check the data before any system starts.
 */
record BenchData(IdxPair trainFiles, IdxPair testFiles, LabeledImages train, LabeledImages test, int numClasses,
                 FeatureScaler scaler) {

    static BenchData load(JobConfig job, Configuration conf) {
        IdxPair trainFiles = IdxFiles.locate(job.trainData(), conf);
        IdxPair testFiles = IdxFiles.locate(job.testData(), conf);
        LabeledImages train = IdxReader.read(trainFiles, job.trainLimit(), conf);
        LabeledImages test = IdxReader.read(testFiles, job.testLimit(), conf);
        if (train.size() == 0 || test.size() == 0) {
            throw new DataFormatException((train.size() == 0 ? trainFiles : testFiles).images().toString(),
                    "holds no images; expected at least one");
        }
        int numClasses = job.modelOutputs() > 0 ? job.modelOutputs() : Math.max(train.numClasses(), test.numClasses());
        return new BenchData(trainFiles, testFiles, train, test, numClasses, job.scaling().fit(train));
    }
}
