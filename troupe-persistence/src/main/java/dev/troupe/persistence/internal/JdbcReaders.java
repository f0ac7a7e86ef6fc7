package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The read side of a JDBC store: a thread per read connection, so a read's wait for a connection (and the
 * query itself) blocks a store thread, never the caller. In SQLite's WAL mode readers see the last committed
 * state and never wait for the writer; PostgreSQL readers see what was committed when their query began.
 */
public final class JdbcReaders implements AutoCloseable {
    private final ConnectionSource connections;
    private final ExecutorService threads;
    private final String storeName;

    public JdbcReaders(ConnectionSource connections, int threadCount, String name, String storeName) {
        this.connections = connections;
        this.storeName = storeName;
        this.threads = Executors.newFixedThreadPool(threadCount,
                Thread.ofPlatform().name(name + "-", 1).daemon(true).factory());
    }

    /** Runs {@code work} on a reader thread; the stage fails with what it threw, or if the store is closed. */
    public <T> CompletionStage<T> submit(SqlWork<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Connection connection = connections.acquire();
                    try {
                        return work.run(connection);
                    } finally {
                        connections.release(connection);
                    }
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("The " + storeName + " is closed", e));
        }
    }

    /** Lets running reads finish (for up to 30 seconds) and refuses new ones. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
