package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work, run on a store thread with that thread's connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
