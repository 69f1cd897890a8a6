package io.milr.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.milr.storage.StorageFailure;

/**
 * The files of one data set in a text format, on any Hadoop file system: a single file, or every
 * data file directly inside a directory, sorted by name. Names starting with {@code .} or {@code _}
 * ({@code _SUCCESS}, checksums, temporaries) are not data; subdirectories are not read.
 */
public record InputFiles(Path location, List<Path> files) {

    public InputFiles {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files in " + location);
        }
    }

    /**
     * @throws DataFormatException when {@code uri} does not exist or is a directory without data files
     */
    public static InputFiles list(String uri, Configuration conf) {
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            path = fs.makeQualified(path);
            FileStatus status = statusOrNull(fs, path);
            if (status == null) {
                throw new DataFormatException(path.toString(), "no such file or directory; expected a data file"
                        + " or a directory of data files");
            }
            if (status.isFile()) {
                return new InputFiles(path, List.of(path));
            }
            List<Path> files = Arrays.stream(fs.listStatus(path))
                    .filter(FileStatus::isFile)
                    .map(FileStatus::getPath)
                    .filter(p -> isData(p.getName()))
                    .sorted(Comparator.comparing(Path::getName))
                    .toList();
            if (files.isEmpty()) {
                throw new DataFormatException(path.toString(), "the directory holds no data files (names starting"
                        + " with '.' or '_' are skipped, and so are subdirectories); expected at least one file");
            }
            return new InputFiles(path, files);
        } catch (IOException e) {
            throw StorageFailure.onPath("cannot list", path, e);
        }
    }

    private static boolean isData(String name) {
        return !name.startsWith(".") && !name.startsWith("_");
    }

    private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** The file, or the directory and how many files it holds: where a problem with the whole input is. */
    public String describe() {
        return files.equals(List.of(location)) ? location.toString()
                : location + " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
    }
}
