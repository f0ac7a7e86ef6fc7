package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
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
 * SQLite allows one writer at a time, and in both SQLite and PostgreSQL a transaction's cost is dominated by
 * its commit (an fsync). So all writes of a store go through one thread: callers enqueue work (never blocking:
 * the queue is unbounded) and get a stage; the thread takes the first waiting task plus whatever else is
 * waiting, up to maxGroupSize, and runs them in one transaction. Under light load a group is one task (no
 * waiting for company); under heavy load groups fill up.
 *
 * A task that throws fails alone: the transaction is rolled back, the task's stage will fail with what it threw
 * (it is never run again), and the group's other tasks run again in a new transaction, until one runs through
 * and commits. A task may therefore run more than once, each run but the last rolled back, so work must have no
 * effects outside the transaction. This costs nothing while no task fails; a savepoint per task would cost two
 * round trips to a PostgreSQL server per write, which bounded the store's throughput (each failure costs a rerun
 * of the tasks before it instead, and failures are rare: a rejected batch, a second writer of an entity). Only
 * after the commit are the stages completed, so a completed write is durable and visible to readers. If the
 * commit itself fails (or no connection can be had, or a rollback fails), every task of the group not yet failed
 * alone fails with that error (their outcome is unknown to the caller, as the Journal contract allows).
 *
 * Consecutive tasks that are BatchedWork of one batcher (the journal's event writes) run together, as one
 * statement batch: one round trip to a PostgreSQL server for all the events of a group, not one per write.
 * The batcher names the write that failed alone (a misplaced sequence number); if the batch fails as a whole
 * (say, a duplicate key of a writer in another process), the group is rolled back and run again one task at a
 * time, so that the failure falls on the task that caused it.
 *
 * The connection is acquired per group and released after it: SQLite's fixed source hands back the same one
 * every time, a PostgreSQL pool may replace one the server dropped. Each transaction starts with the store's
 * `beginGroup` work (PostgreSQL takes a lock there that puts concurrent writers' transactions in the order of
 * their event offsets).
 */
/** The single writer thread of a JDBC store, committing waiting writes in groups. */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Task<?> CLOSE = new Task<>(connection -> null, new CompletableFuture<>());

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> result) {}

    private record Outcome(Task<?> task, Object value, Throwable failure) {}

    private final ConnectionSource connections;
    private final SqlWork<?> beginGroup;
    private final String storeName;
    private final int maxGroupSize;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private boolean closed; // guarded by queue

    /**
     * Starts the writer thread, taking a connection from {@code connections} for each group (the caller closes
     * the source after {@link #close}); {@code beginGroup} runs first in each group's transaction.
     */
    public GroupCommitWriter(ConnectionSource connections, int maxGroupSize, String name, SqlWork<?> beginGroup,
                             String storeName) {
        this.connections = connections;
        this.beginGroup = beginGroup;
        this.storeName = storeName;
        this.maxGroupSize = maxGroupSize;
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
                return CompletableFuture.failedFuture(new IllegalStateException("The " + storeName + " is closed"));
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
        Connection connection;
        try {
            connection = connections.acquire();
        } catch (SQLException | RuntimeException failure) {
            group.forEach(task -> task.result().completeExceptionally(failure));
            return;
        }
        List<Task<?>> pending = new ArrayList<>(group);
        List<Outcome> outcomes = new ArrayList<>(group.size());
        try {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
            }
            List<Outcome> committed = null;
            boolean together = true;
            while (committed == null && !pending.isEmpty()) {
                List<Outcome> attempt = attempt(connection, pending, together);
                if (attempt == null) { // a batch failed as a whole: find the culprit one by one
                    connection.rollback();
                    together = false;
                    continue;
                }
                Outcome last = attempt.getLast();
                if (last.failure() == null) {
                    connection.commit();
                    transactions.incrementAndGet();
                    committed = attempt;
                } else {
                    connection.rollback();
                    pending.remove(last.task());
                    outcomes.add(last);
                }
            }
            if (committed != null) {
                outcomes.addAll(committed);
            }
        } catch (SQLException | RuntimeException | Error failure) {
            rollbackQuietly(connection, failure);
            pending.forEach(task -> outcomes.add(new Outcome(task, null, failure)));
        } finally {
            releaseQuietly(connection);
        }
        tasks.addAndGet(group.size());
        for (Outcome outcome : outcomes) {
            complete(outcome);
        }
    }

    /**
     * Runs {@code pending} in order in the open transaction, consecutive works of one batcher together if
     * {@code together}: their outcomes, up to and including the first task that failed; null if a batch failed
     * as a whole. Throws what {@code beginGroup} throws.
     */
    private List<Outcome> attempt(Connection connection, List<Task<?>> pending, boolean together)
            throws SQLException {
        beginGroup.run(connection);
        List<Outcome> outcomes = new ArrayList<>(pending.size());
        int next = 0;
        while (next < pending.size()) {
            Task<?> task = pending.get(next);
            if (together && task.work() instanceof BatchedWork first) {
                List<BatchedWork> works = new ArrayList<>();
                for (int index = next; index < pending.size() && pending.get(index).work() instanceof BatchedWork work
                        && work.batcher() == first.batcher(); index++) {
                    works.add(work);
                }
                BatchedWork.Failed failed;
                try {
                    failed = first.batcher().runTogether(connection, works);
                } catch (SQLException | RuntimeException wholeBatch) {
                    return null;
                }
                for (int index = 0; index < works.size(); index++) {
                    Task<?> member = pending.get(next + index);
                    if (index == failed.index()) {
                        outcomes.add(new Outcome(member, null, failed.failure()));
                        return outcomes;
                    }
                    outcomes.add(new Outcome(member, null, null));
                }
                next += works.size();
                continue;
            }
            try {
                outcomes.add(new Outcome(task, task.work().run(connection), null));
            } catch (SQLException | RuntimeException failure) {
                outcomes.add(new Outcome(task, null, failure));
                return outcomes;
            }
            next++;
        }
        return outcomes;
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

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void releaseQuietly(Connection connection) {
        try {
            connections.release(connection);
        } catch (SQLException e) {
            // the group's outcome is settled; a pool that cannot take a connection back discards it
        }
    }

    /** Commits what was submitted before and fails what comes after; returns once the thread has ended. */
    @Override
    public void close() {
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
    }
}
