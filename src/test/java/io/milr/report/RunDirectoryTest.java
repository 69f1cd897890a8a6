package io.milr.report;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {

    @Test
    void writesReplaceFilesWholeAndLeaveNoTemporaries(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run").toUri().toString(), false, new Configuration());
        run.writeString("metrics.jsonl", "one\n");
        run.writeString("metrics.jsonl", "one\ntwo\n");
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("run/metrics.jsonl")));
        try (var files = Files.list(dir.resolve("run"))) {
            assertEquals(1, files.count(), "no temporary, backup or checksum files remain");
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFile(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.create(dir.toString() + "/run", false, new Configuration());
        run.writeString("model.zip", "good model");
        assertThrows(UncheckedIOException.class, () -> run.write("model.zip", out -> {
            out.write("half a mod".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("good model", Files.readString(dir.resolve("run/model.zip")));
    }

    @Test
    void refusesARunDirectoryThatHoldsAnEarlierRunUnlessOverwriting(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/metrics.jsonl"), "earlier");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.create(dir.resolve("run").toString(), false, new Configuration()));
        assertTrue(e.getMessage().contains("--overwrite") && e.getMessage().contains("metrics.jsonl"), e.getMessage());
        assertEquals("earlier", Files.readString(dir.resolve("run/metrics.jsonl")));
        RunDirectory.create(dir.resolve("run").toString(), true, new Configuration());
    }
}
