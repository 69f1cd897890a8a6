/**
 * Reaching the Hadoop file systems a job names (HDFS, S3A, local): telling a storage failure the user
 * can fix (a NameNode that is down, an unknown host, a denied permission, a missing bucket or
 * credentials, a file system that is not on the classpath) from a bug, and finding it in seconds,
 * before Spark starts.
 */
package io.milr.storage;
