package io.milr.config;

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
    void badValuesNameTheKeyTheValueAndWhatWasExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.of("train.epochs=ten"));
        assertTrue(e.getMessage().contains("'train.epochs' (from --set): found 'ten', expected a whole number >= 1"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("lr.mode=layers"));
        assertTrue(e.getMessage().contains("lr.mode") && e.getMessage().contains("network or layer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("lr.min=0.5", "lr.max=0.1"));
        assertTrue(e.getMessage().contains("lr.min") && e.getMessage().contains("lr.max"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("model=resnet"));
        assertTrue(e.getMessage().contains("'model'") && e.getMessage().contains("mlp or cnn"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("model.hidden=500,-3"));
        assertTrue(e.getMessage().contains("model.hidden"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> JobConfig.of("noequals"));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
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
