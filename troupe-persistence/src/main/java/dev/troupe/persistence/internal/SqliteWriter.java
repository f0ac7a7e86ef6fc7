package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Group commit
 *
 * SQLite allows one writer at a time, and a transaction's cost is dominated by its commit (an fsync). So all
 * writes of a store go through one thread with one connection: callers enqueue work (never blocking: the queue
 * is unbounded) and get a stage; the thread takes the first waiting task plus whatever else is waiting, up to
 * maxGroupSize, and runs them in one transaction, each inside its own savepoint. A task that throws is rolled
 * back to its savepoint and fails alone; the others commit. Only after the commit are the stages completed, so
 * a completed write is durable and visible to readers. If the commit itself fails, every task of the group
 * fails with that error (their outcome is unknown to the caller, as the Journal contract allows).
 * Under light load a group is one task (no waiting for company); under heavy load groups fill up.
 */
/** The single writer thread of a SQLite store, committing waiting writes in groups. */
public final class SqliteWriter implements AutoCloseable {
    private static final Task<?> CLOSE = new Task<>(connection -> null, new CompletableFuture<>());

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> result) {}

    private record Outcome(Task<?> task, Object value, Throwable failure) {}

    private final Connection connection;
    private final int maxGroupSize;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private boolean closed; // guarded by queue

    /** Starts the writer thread on {@code connection}, which it owns from now on. */
    public SqliteWriter(Connection connection, int maxGroupSize, String name) throws SQLException {
        this.connection = connection;
        this.maxGroupSize = maxGroupSize;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::runLoop);
    }

    /**
     * Runs {@code work} in the next group. The stage fails with what {@code work} threw (unwrapped), with the
     * commit's error, or with {@link IllegalStateException} once the store is closed.
     */
    public <T> CompletionStage<T> submit(SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (queue) { // held for an enqueue only: no task can slip in behind the close marker
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("The SQLite store is closed"));
            }
            queue.add(new Task<>(work, result));
        }
        return result;
    }

    /** Transactions committed so far. */
    public long transactions() {
        return transactions.get();
    }

    /** Tasks run so far, committed or failed alone. */
    public long tasks() {
        return tasks.get();
    }

    private void runLoop() {
        List<Task<?>> group = new ArrayList<>(maxGroupSize);
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroupSize - 1);
            boolean closing = group.remove(CLOSE);
            if (!group.isEmpty()) {
                commit(group);
            }
            group.clear();
            if (closing) {
                return;
            }
        }
    }

    private void commit(List<Task<?>> group) {
        List<Outcome> outcomes = new ArrayList<>(group.size());
        try {
            for (Task<?> task : group) {
                outcomes.add(runInSavepoint(task));
            }
            connection.commit();
            transactions.incrementAndGet();
        } catch (SQLException | RuntimeException | Error failure) {
            rollbackQuietly(failure);
            for (Task<?> task : group) {
                task.result().completeExceptionally(failure);
            }
            return;
        }
        tasks.addAndGet(group.size());
        for (Outcome outcome : outcomes) {
            complete(outcome);
        }
    }

    private Outcome runInSavepoint(Task<?> task) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object value = task.work().run(connection);
            connection.releaseSavepoint(savepoint);
            return new Outcome(task, value, null);
        } catch (SQLException | RuntimeException failure) {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            return new Outcome(task, null, failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static void complete(Outcome outcome) {
        CompletableFuture<Object> result = (CompletableFuture<Object>) outcome.task().result();
        if (outcome.failure() == null) {
            result.complete(outcome.value());
        } else {
            result.completeExceptionally(outcome.failure());
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Commits what was submitted before, fails what comes after, and closes the connection. */
    @Override
    public void close() throws SQLException {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(CLOSE);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
