package io.milr.storage;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.VersionInfo;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Hadoop file system call's failure means to the user, when it is a storage failure they can
 * fix: a server that refuses or does not answer, an unknown host, a port that is not the NameNode's, a
 * denied permission, a missing S3 bucket or credentials, a scheme no file system on the classpath
 * serves. Anything else (a bug, a corrupt block) is not classified and stays a plain I/O error.
 *
 * <p>S3A's exceptions are recognised by class name: hadoop-aws is the user's package
 * ({@code --packages}), not milr's, so its classes cannot be referred to here.
 */
public final class StorageFailure {
    /** HDFS's "Permission denied: user=alice, access=WRITE, inode="/runs":root:supergroup:drwxr-xr-x". */
    private static final Pattern HDFS_DENIED = Pattern.compile(
            "Permission denied: user=([^,]+), access=([A-Z_]+), inode=\"([^\"]*)\":([^:]*):([^:]*):(\\S+)");
    /** Hadoop's IPC "Call From host/1.2.3.4 to nn:8020 failed on connection exception". */
    private static final Pattern IPC_TARGET = Pattern.compile(" to (\\S+:\\d+) failed on ");
    /** Apache HttpClient's (the AWS SDK's) "Connect to 127.0.0.1:9000 [/127.0.0.1] failed: Connection refused". */
    private static final Pattern HTTP_TARGET = Pattern.compile("Connect to (\\S+:\\d+) ");
    private static final Pattern NO_FILE_SYSTEM_CLASS = Pattern.compile("Class (\\S+FileSystem) not found");

    private StorageFailure() {
    }

    /** The cause in the user's terms, if {@code error} (or one of its causes) is a storage failure they can fix. */
    public static Optional<String> causeOf(Throwable error, URI uri) {
        List<Throwable> chain = chain(error);
        for (Throwable e : chain) {
            Optional<String> cause = classify(e, uri);
            if (cause.isPresent()) {
                return cause;
            }
        }
        return Optional.empty();
    }

    /**
     * For a reader or writer that failed on {@code path}: a {@link StorageException} naming it when the
     * user can fix the failure, otherwise the I/O error it always was.
     */
    public static RuntimeException onPath(String doing, Path path, IOException error) {
        Optional<String> cause = causeOf(error, path.toUri());
        if (cause.isPresent()) {
            return new StorageException(path.toString(), cause.get(), error);
        }
        return new UncheckedIOException(doing + " " + path + ": " + error.getMessage(), error);
    }

    private static Optional<String> classify(Throwable e, URI uri) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String type = e.getClass().getSimpleName();
        if (e instanceof UnsupportedFileSystemException || message.startsWith("No FileSystem for scheme")
                || e instanceof ClassNotFoundException && NO_FILE_SYSTEM_CLASS.matcher(message).find()) {
            return Optional.of(noFileSystem(uri.getScheme()));
        }
        if (e instanceof UnknownHostException) {
            return Optional.of("unknown host '" + firstLine(message) + "'; check the host name in the URI"
                    + (uri.getAuthority() == null ? " (or in fs.defaultFS)" : ""));
        }
        if (e instanceof AccessControlException) {
            return Optional.of(permissionDenied(message));
        }
        if (type.equals("NoAuthWithAWSException") || message.contains("No AWS Credentials provided")) {
            return Optional.of(noAwsCredentials(message));
        }
        if (type.equals("UnknownStoreException") || message.contains("NoSuchBucket")) {
            return Optional.of("the bucket '" + uri.getHost() + "' does not exist (S3 answered NoSuchBucket);"
                    + " check the bucket name, and fs.s3a.endpoint if it is not on AWS");
        }
        if (e instanceof java.nio.file.AccessDeniedException && isS3(uri)) {
            return Optional.of(s3Denied(message));
        }
        if (e instanceof ConnectException) {
            return Optional.of("connection refused by " + target(uri, message) + serverHint(uri));
        }
        if (e instanceof SocketTimeoutException) {
            return Optional.of("no answer from " + target(uri, message) + " in time (the connection timed out);"
                    + " is the host up, is that its address, and does a firewall let the connection through?");
        }
        if (message.contains("RPC response exceeds maximum data length")
                || e instanceof EOFException && isHdfs(uri) && IPC_TARGET.matcher(message).find()) {
            return Optional.of(target(uri, message) + " answered, but not as a NameNode: is that its RPC port"
                    + " (fs.defaultFS; 8020 by default), not its web UI's (9870)?");
        }
        return Optional.empty();
    }

    private static String noFileSystem(String scheme) {
        String hadoop = VersionInfo.getVersion();
        String fix = switch (scheme == null ? "" : scheme) {
            case "s3a" -> "add hadoop-aws at Spark's Hadoop version: spark-submit --packages"
                    + " org.apache.hadoop:hadoop-aws:" + hadoop;
            case "s3", "s3n" -> "Hadoop reads S3 through s3a:// (with hadoop-aws): use an s3a:// URI";
            case "abfs", "abfss", "wasb", "wasbs" -> "add hadoop-azure at Spark's Hadoop version: spark-submit"
                    + " --packages org.apache.hadoop:hadoop-azure:" + hadoop;
            default -> "add the package that provides it (spark-submit --packages or --jars), or check the URI";
        };
        return "no Hadoop file system for scheme " + scheme + " on the classpath; " + fix;
    }

    private static String permissionDenied(String message) {
        Matcher denied = HDFS_DENIED.matcher(message);
        if (!denied.find()) {
            return "permission denied: " + firstLine(message);
        }
        return "permission denied: user " + denied.group(1) + " has no " + denied.group(2) + " access to "
                + denied.group(3) + " (owner " + denied.group(4) + ", group " + denied.group(5) + ", mode "
                + denied.group(6) + ")";
    }

    private static String noAwsCredentials(String message) {
        int by = message.indexOf("provided by ");
        String providers = by < 0 ? "" : " (tried: " + firstLine(message.substring(by + "provided by ".length()))
                .replaceAll(" :.*", "").strip() + ")";
        return "no AWS credentials found" + providers + "; set fs.s3a.access.key and fs.s3a.secret.key"
                + " (spark.hadoop.fs.s3a.access.key...), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose"
                + " a provider with fs.s3a.aws.credentials.provider";
    }

    private static String s3Denied(String message) {
        String code = message.contains("InvalidAccessKeyId") ? "InvalidAccessKeyId"
                : message.contains("SignatureDoesNotMatch") ? "SignatureDoesNotMatch"
                : message.contains("403") ? "403 Forbidden" : "access denied";
        return "access denied by S3 (" + code + "): the AWS credentials are not valid, or do not allow reading"
                + " this bucket (fs.s3a.access.key, fs.s3a.secret.key, fs.s3a.aws.credentials.provider)";
    }

    /**
     * The server's host:port: as the user wrote it in an hdfs:// URI; else from the client's message, as
     * the URI may not hold it (fs.defaultFS; an s3a:// URI names the bucket, the endpoint is elsewhere).
     */
    private static String target(URI uri, String message) {
        if (isHdfs(uri) && uri.getAuthority() != null && uri.getPort() > 0) {
            return uri.getAuthority();
        }
        for (Pattern pattern : List.of(IPC_TARGET, HTTP_TARGET)) {
            Matcher found = pattern.matcher(message);
            if (found.find()) {
                return found.group(1);
            }
        }
        return "the server (" + firstLine(message) + ")";
    }

    private static String serverHint(URI uri) {
        if (isHdfs(uri)) {
            return "; is the NameNode running, and is that its RPC port (fs.defaultFS; 8020 by default)?";
        }
        return isS3(uri) ? "; is the S3 endpoint (fs.s3a.endpoint) running there?" : "; is the server running there?";
    }

    private static boolean isS3(URI uri) {
        return uri.getScheme() != null && uri.getScheme().startsWith("s3");
    }

    private static boolean isHdfs(URI uri) {
        return uri.getScheme() == null || uri.getScheme().equals("hdfs");
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static List<Throwable> chain(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable e = error; e != null && seen.add(e); e = e.getCause()) {
            chain.add(e);
        }
        return chain;
    }
}
