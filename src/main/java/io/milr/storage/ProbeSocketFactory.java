package io.milr.storage;

import org.apache.hadoop.net.StandardSocketFactory;

/**
 * Plain sockets, as Hadoop's default factory makes them, under a class of their own. Hadoop keeps one
 * IPC client per socket factory class and reads its connect timeout once, when the client is made: a
 * probe on the default factory would share a client made from the job's configuration (with its 20 s
 * connect timeout), or leave its 5 s one to the job. Its own factory class gives the probe a client of
 * its own. Public with a no-argument constructor because Hadoop instantiates it from the configuration.
 */
public final class ProbeSocketFactory extends StandardSocketFactory {
}
