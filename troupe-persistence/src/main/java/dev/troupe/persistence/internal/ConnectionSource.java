package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/**
 * Where a store's writer and readers get their connections: a fixed set opened once (SQLite, where a
 * connection is a file handle) or a pool (PostgreSQL, where the pool also replaces connections the server
 * dropped). A connection is acquired for one unit of work and released after it, on the same thread.
 */
public sealed interface ConnectionSource extends AutoCloseable {
    Connection acquire() throws SQLException;

    void release(Connection connection) throws SQLException;

    /** Closes the connections (or the pool); called once the writer and readers have stopped. */
    @Override
    void close() throws SQLException;

    /** Hands out {@code connections}, each to one user at a time; blocks while all are in use. */
    static ConnectionSource fixed(List<Connection> connections) {
        return new Fixed(List.copyOf(connections), new ArrayBlockingQueue<>(connections.size(), false, connections));
    }

    /** Borrows from {@code pool} and gives back by closing; {@link #close} closes the pool. */
    static <P extends DataSource & AutoCloseable> ConnectionSource pooled(P pool) {
        return new Pooled(pool, pool);
    }

    record Fixed(List<Connection> connections, BlockingQueue<Connection> idle) implements ConnectionSource {
        @Override
        public Connection acquire() throws SQLException {
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for a connection", e);
            }
        }

        @Override
        public void release(Connection connection) {
            idle.add(connection);
        }

        @Override
        public void close() throws SQLException {
            SQLException failure = null;
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    record Pooled(DataSource pool, AutoCloseable closer) implements ConnectionSource {
        @Override
        public Connection acquire() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void release(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public void close() throws SQLException {
            try {
                closer.close();
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("Closing the connection pool failed: " + e.getMessage(), e);
            }
        }
    }
}
