package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The read side of a SQLite store: as many threads as connections, so a task always finds a free connection
 * at once. In WAL mode readers see the last committed state and never wait for the writer.
 */
public final class SqliteReaders implements AutoCloseable {
    private final BlockingQueue<Connection> idle;
    private final ExecutorService threads;
    private final List<Connection> connections;

    public SqliteReaders(List<Connection> connections, String name) {
        this.connections = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
        this.threads = Executors.newFixedThreadPool(connections.size(),
                Thread.ofPlatform().name(name + "-", 1).daemon(true).factory());
    }

    /** Runs {@code work} on a reader thread; the stage fails with what it threw, or if the store is closed. */
    public <T> CompletionStage<T> submit(SqlWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                Connection connection = idle.poll();
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                } finally {
                    idle.add(connection);
                }
            }, threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("The SQLite store is closed", e));
        }
    }

    @Override
    public void close() throws SQLException {
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
