package io.milr.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.milr.storage.StorageFailure;

/** Finds the IDX image and label files of a data set from a path prefix on any Hadoop file system. */
public final class IdxFiles {

    // Raw before gzipped; '-' before "idx" as in LeCun's names, '.' as in some re-distributions.
    private static final List<String> SEPARATORS = List.of("-", ".");
    private static final List<String> COMPRESSION_SUFFIXES = List.of("", ".gz");

    private IdxFiles() {
    }

    /**
     * Locates {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte}, each
     * possibly gzipped ({@code .gz}) or with {@code .} instead of {@code -} before {@code idx}.
     * The returned paths are fully qualified (they carry scheme and authority).
     *
     * @param prefix e.g. {@code data/mnist/train} or {@code hdfs://namenode/mnist/t10k}
     * @throws DataFormatException when a file is missing, listing every name tried
     */
    public static IdxPair locate(String prefix, Configuration conf) {
        FileSystem fs = fileSystemOf(prefix, conf);
        List<Path> imageCandidates = candidates(fs, prefix, "images", "idx3");
        List<Path> labelCandidates = candidates(fs, prefix, "labels", "idx1");
        Optional<Path> images = firstExisting(imageCandidates, conf);
        Optional<Path> labels = firstExisting(labelCandidates, conf);
        List<Path> tried = new ArrayList<>();
        if (images.isEmpty()) {
            tried.addAll(imageCandidates);
        }
        if (labels.isEmpty()) {
            tried.addAll(labelCandidates);
        }
        if (!tried.isEmpty()) {
            String missing = images.isEmpty() && labels.isEmpty() ? "image and label files"
                    : images.isEmpty() ? "image file" : "label file";
            throw new DataFormatException(prefix, "no IDX " + missing + " found for this prefix;"
                    + " tried " + joined(tried) + ". Expected <prefix>-images-idx3-ubyte and"
                    + " <prefix>-labels-idx1-ubyte, optionally gzipped (.gz); for MNIST and"
                    + " Fashion-MNIST run scripts/fetch-data.sh");
        }
        return new IdxPair(images.get(), labels.get());
    }

    /**
     * Every IDX pair that {@code prefix} names: {@link #locate} of the prefix itself or, when it holds a
     * glob ({@code *}, {@code ?}, {@code [..]}), of each prefix whose image file the glob matches, in
     * name order (a data set written in parts, e.g. {@code hdfs:///data/mnist-x16/train-part-*}).
     *
     * @throws DataFormatException when nothing matches, or a matched part lacks its label file
     */
    public static List<IdxPair> locateAll(String prefix, Configuration conf) {
        if (!prefix.matches(".*[*?\\[].*")) {
            return List.of(locate(prefix, conf));
        }
        FileSystem fs = fileSystemOf(prefix, conf);
        String pattern = prefix + "-images?idx3-ubyte*";
        java.util.TreeSet<String> prefixes = new java.util.TreeSet<>();
        try {
            org.apache.hadoop.fs.FileStatus[] matches = fs.globStatus(new Path(pattern));
            for (org.apache.hadoop.fs.FileStatus match : matches == null ? new org.apache.hadoop.fs.FileStatus[0] : matches) {
                String name = match.getPath().toString();
                prefixes.add(name.substring(0, name.lastIndexOf("-images")));
            }
        } catch (IOException e) {
            throw StorageFailure.onPath("cannot list", new Path(pattern), e);
        }
        if (prefixes.isEmpty()) {
            throw new DataFormatException(prefix, "the pattern matches no IDX image file (" + pattern + "); expected"
                    + " parts named <part>-images-idx3-ubyte with <part>-labels-idx1-ubyte beside them");
        }
        return prefixes.stream().map(p -> locate(p, conf)).toList();
    }

    private static FileSystem fileSystemOf(String prefix, Configuration conf) {
        try {
            return new Path(prefix).getFileSystem(conf);
        } catch (IOException e) {
            throw StorageFailure.onPath("cannot open the file system of", new Path(prefix), e);
        }
    }

    private static String joined(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    /** Qualified so that error messages show where a relative prefix was looked up. */
    private static List<Path> candidates(FileSystem fs, String prefix, String kind, String idxType) {
        List<Path> names = new ArrayList<>();
        for (String separator : SEPARATORS) {
            for (String suffix : COMPRESSION_SUFFIXES) {
                String name = prefix + "-" + kind + separator + idxType + "-ubyte" + suffix;
                names.add(fs.makeQualified(new Path(name)));
            }
        }
        return names;
    }

    private static Optional<Path> firstExisting(List<Path> candidates, Configuration conf) {
        for (Path candidate : candidates) {
            if (isFile(candidate, conf)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isFile(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf).getFileStatus(path).isFile();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw StorageFailure.onPath("cannot look up", path, e);
        }
    }
}
