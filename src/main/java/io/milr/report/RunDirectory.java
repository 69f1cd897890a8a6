package io.milr.report;

import io.milr.storage.StorageFailure;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A run's output directory on any Hadoop file system. Every file is written atomically: to a
 * temporary name first, then renamed over the old one, so a crash mid-write never leaves a
 * half-written model or metrics file where a complete one was.
 */
public final class RunDirectory {
    private final FileSystem fs;
    private final Path root;

    private RunDirectory(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** Writes the bytes of one file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Opens a new run directory. An existing non-empty directory is refused unless {@code overwrite}:
     * the files of an earlier run are not to be mixed with this one's.
     */
    public static RunDirectory create(String uri, boolean overwrite, Configuration conf) {
        requireUsable(uri, overwrite, conf);
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            fs.setWriteChecksum(false);
            root = fs.makeQualified(root);
            if (!fs.mkdirs(root)) {
                throw new RunDirectoryException("--out " + uri + ": cannot create the directory.");
            }
            return new RunDirectory(fs, root);
        } catch (IOException e) {
            throw new RunDirectoryException("--out " + uri + ": " + StorageFailure.causeOf(e, new Path(uri).toUri())
                    .orElse("cannot be used as a run directory: " + e.getMessage()), e);
        }
    }

    /**
     * What {@link #create} refuses, checked without creating anything: a job checks it before its
     * data's check pass, and creates the directory only once the data are known good.
     */
    public static void requireUsable(String uri, boolean overwrite, Configuration conf) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            root = fs.makeQualified(root);
            if (fs.exists(root)) {
                if (!fs.getFileStatus(root).isDirectory()) {
                    throw new RunDirectoryException("--out " + uri + ": exists and is a file; expected a directory for the run's output.");
                }
                FileStatus[] existing = fs.listStatus(root);
                if (existing.length > 0 && !overwrite) {
                    throw new RunDirectoryException("--out " + uri + ": already holds " + existing.length
                            + " file(s) of an earlier run (e.g. " + existing[0].getPath().getName()
                            + "). Choose a new directory, or pass --overwrite to replace its files.");
                }
            }
        } catch (IOException e) {
            throw new RunDirectoryException("--out " + uri + ": " + StorageFailure.causeOf(e, new Path(uri).toUri())
                    .orElse("cannot be used as a run directory: " + e.getMessage()), e);
        }
    }

    /** A subdirectory for one of several runs written together (e.g. by compare). */
    public RunDirectory child(String name) {
        Path child = path(name);
        try {
            if (!fs.mkdirs(child)) {
                throw new RunDirectoryException(child + ": cannot create the directory.");
            }
        } catch (IOException e) {
            throw new RunDirectoryException(child + ": cannot be created: " + e.getMessage(), e);
        }
        return new RunDirectory(fs, child);
    }

    /** Opens the directory of an earlier run, to read its files (and write its report). */
    public static RunDirectory open(String uri, Configuration conf) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            fs.setWriteChecksum(false);
            root = fs.makeQualified(root);
            if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
                throw new RunDirectoryException(uri + ": no such run directory.");
            }
            return new RunDirectory(fs, root);
        } catch (IOException e) {
            throw new RunDirectoryException(uri + ": " + StorageFailure.causeOf(e, new Path(uri).toUri())
                    .orElse("cannot be read as a run directory: " + e.getMessage()), e);
        }
    }

    /** The directory's own name, e.g. {@code mnist-layer} for {@code runs/mnist-layer}. */
    public String name() {
        return root.getName();
    }

    public String uri() {
        return root.toString();
    }

    public Path path(String name) {
        return new Path(root, name);
    }

    /** The file system the directory is on, for whole subdirectories written atomically (checkpoints). */
    public FileSystem fileSystem() {
        return fs;
    }

    public void writeString(String name, String text) {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean exists(String name) {
        try {
            return fs.exists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException("checking " + path(name) + " failed", e);
        }
    }

    /** The length and CRC-32 of the file {@code name} as it is now. */
    public FileDigest digest(String name) {
        try (InputStream in = fs.open(path(name))) {
            return FileDigest.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path(name) + " failed", e);
        }
    }

    public String readString(String name) {
        try (InputStream in = fs.open(path(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path(name) + " failed", e);
        }
    }

    /** Writes to a temporary file beside the target, then renames it into place. */
    public void write(String name, Content content) {
        writeDigested(name, content);
    }

    /**
     * {@link #write}, and returns the length and CRC-32 of what it wrote: for a manifest written after
     * the files it describes.
     */
    public FileDigest writeDigested(String name, Content content) {
        Path target = path(name);
        Path temporary = path("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            FileDigest digest;
            try (OutputStream out = fs.create(temporary, false)) {
                FileDigest.Recorder recorder = new FileDigest.Recorder(out);
                content.writeTo(recorder);
                recorder.close();
                digest = recorder.digest();
            }
            replace(temporary, target);
            return digest;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("writing " + target + " failed; the previous version (if any) is unchanged", e);
        }
    }

    /**
     * Hadoop's rename does not replace an existing file on every file system, so the old file is
     * first moved aside; until the new one is in place the old one still exists under a backup name.
     */
    private void replace(Path temporary, Path target) throws IOException {
        Path backup = null;
        if (fs.exists(target)) {
            backup = new Path(target.getParent(), "." + target.getName() + ".previous");
            fs.delete(backup, false);
            if (!fs.rename(target, backup)) {
                throw new IOException("cannot move " + target + " aside");
            }
        }
        if (!fs.rename(temporary, target)) {
            if (backup != null) {
                fs.rename(backup, target);
            }
            throw new IOException("cannot rename " + temporary + " to " + target);
        }
        if (backup != null) {
            fs.delete(backup, false);
        }
    }

    private void deleteQuietly(Path path) {
        try {
            fs.delete(path, false);
        } catch (IOException ignored) {
            // Best effort: a stray temporary file is harmless, the target is what matters.
        }
    }
}
