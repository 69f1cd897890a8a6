package io.milr.config;

import io.milr.data.CsvFormat;
import io.milr.data.DataFormat;
import io.milr.data.FeatureScaling;
import io.milr.data.ImageShape;
import io.milr.lr.LrMode;
import io.milr.mi.MiEstimator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobConfigTest {

    @Test
    void defaultsGiveTheDocumentedJob() {
        JobConfig config = JobConfig.of();
        assertEquals("mlp", config.model().name());
        assertEquals(LrMode.NETWORK, config.lrSettings().mode());
        assertEquals(0.2, config.lrSettings().lrStart(), "lr.start defaults to lr.max");
        assertEquals(MiEstimator.PLUGIN, config.estimator());
        assertEquals(10_000, config.probeSize());
        assertEquals("local[*]", config.sparkMaster());
        assertEquals(ConfigKeys.all().size(), config.effectiveValues().size(), "every key is in the effective config");
    }

    @Test
    void overridesWinOverTheFileWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "lr.mode=layer\ntrain.epochs=3\n");
        JobConfig config = JobConfig.from(ConfigSources.of(file, List.of("train.epochs=5", "mi.estimator=miller-madow")));
        assertEquals(LrMode.LAYER, config.lrSettings().mode());
        assertEquals(5, config.epochs());
        assertEquals(MiEstimator.MILLER_MADOW, config.estimator());
    }

    @Test
    void unknownKeyNamesItsSourceAndSuggestsTheClosestKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "lr.maximum=0.1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSources.of(file, List.of()));
        assertTrue(e.getMessage().contains("'lr.maximum'"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'lr.max'?"), e.getMessage());
    }

    @Test
    void checkpointKeepIsAtLeastOneAndSavedValuesNameTheirOrigin() {
        assertEquals(2, JobConfig.of().checkpointKeep());
        assertEquals(5, JobConfig.of("checkpoint.keep=5").checkpointKeep());
        ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.of("checkpoint.keep=0"));
        assertTrue(e.getMessage().contains("'checkpoint.keep' (from --set): found '0', expected a whole number >= 1"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.from(ConfigSources.saved(
                java.util.Map.of("train.epochs", "-1"), "runs/x/checkpoints/epoch-0002/state.json")));
        assertTrue(e.getMessage().contains("'train.epochs' (from runs/x/checkpoints/epoch-0002/state.json)"), e.getMessage());
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatWasExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.of("train.epochs=ten"));
        assertTrue(e.getMessage().contains("'train.epochs' (from --set): found 'ten', expected a whole number >= 1"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("lr.mode=layers"));
        assertTrue(e.getMessage().contains("lr.mode") && e.getMessage().contains("network or layer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("lr.min=0.5", "lr.max=0.1"));
        assertTrue(e.getMessage().contains("lr.min") && e.getMessage().contains("lr.max"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("model=resnet"));
        assertTrue(e.getMessage().contains("'model'") && e.getMessage().contains("mlp, cnn or custom"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("model.hidden=500,-3"));
        assertTrue(e.getMessage().contains("model.hidden"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("noequals"));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void dataFormatsAndTheirKeys() {
        JobConfig idx = JobConfig.of();
        assertEquals(DataFormat.IDX, idx.dataFormat());
        assertEquals(FeatureScaling.unit(255), idx.scaling(), "IDX pixels are divided by 255 as always");
        assertEquals("unit", idx.effectiveValues().get("data.scale"), "config.properties records the derived scaling");

        JobConfig csv = JobConfig.of("data.format=csv", "data.csv.labelColumn=last", "data.csv.header=true",
                "data.csv.separator=tab", "data.imageShape=28x28", "model=cnn", "data.scale=minmax");
        assertEquals(new CsvFormat(CsvFormat.LAST_COLUMN, true, '\t'), csv.csvFormat());
        assertEquals(new ImageShape(28, 28), csv.imageShape().orElseThrow());
        assertEquals(FeatureScaling.of(FeatureScaling.Method.MINMAX), csv.scaling());
        assertEquals(FeatureScaling.none(), JobConfig.of("data.format=libsvm").scaling(), "text formats as they are");

        JobConfig narrowed = csv.withLrRange(0.01, 0.1);
        assertEquals(csv.csvFormat(), narrowed.csvFormat(), "a range test's suggestion keeps the data settings");
        assertEquals(0.1, JobConfig.of().withLrRange(0.01, 0.1).lrSettings().lrMax());
    }

    @Test
    void dataKeysThatDoNotApplyOrDoNotFitAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.of("data.numFeatures=784"));
        assertTrue(e.getMessage().contains("'data.numFeatures'") && e.getMessage().contains("IDX files declare"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.format=csv", "data.scale=minmax",
                "data.scaleMax=255"));
        assertTrue(e.getMessage().contains("applies to data.scale=unit only"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.format=csv", "data.imageShape=28x27",
                "data.numFeatures=784"));
        assertTrue(e.getMessage().contains("has 756 pixels, expected one per feature"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.format=csv", "data.imageShape=8x8", "model=cnn"));
        assertTrue(e.getMessage().contains("at least 16x16"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.format=avro"));
        assertTrue(e.getMessage().contains("idx, csv, libsvm, parquet, orc, json, table or spark"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.format=csv", "data.csv.separator=;;"));
        assertTrue(e.getMessage().contains("one character, or tab or space"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.format=csv", "data.csv.labelColumn=-1"));
        assertTrue(e.getMessage().contains("a 0-based column index or last"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("data.scaleMax=1e-50"));
        assertTrue(e.getMessage().contains("within the float range"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("train.onDivergence=retry"));
        assertTrue(e.getMessage().contains("stop or rollback"), e.getMessage());
    }

    @Test
    void missingConfFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigSources.of(Path.of("conf/does-not-exist.properties"), List.of()));
        assertTrue(e.getMessage().contains("conf/does-not-exist.properties"), e.getMessage());
    }

    @Test
    void shippedExampleConfigurationsAreValid() throws Exception {
        try (var files = Files.list(Path.of("conf"))) {
            List<Path> confs = files.filter(p -> p.toString().endsWith(".properties")).toList();
            assertTrue(confs.size() >= 3, "conf/ holds the example jobs");
            for (Path conf : confs) {
                JobConfig.from(ConfigSources.of(conf, List.of()));
            }
        }
    }
}
