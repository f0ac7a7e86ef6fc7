package dev.troupe.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit, made deterministic: a first task holds the writer thread until every other task is queued, so
 * the next group holds exactly those.
 */
class GroupCommitWriterTest {
    @TempDir
    Path directory;
    private String url;
    private GroupCommitWriter writer;
    private ConnectionSource connections;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:sqlite:" + directory.resolve("writer.db");
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        release.countDown();
        if (writer != null) {
            writer.close();
            connections.close();
        }
    }

    private void start(int maxGroupSize) throws SQLException {
        connections = ConnectionSource.fixed(List.of(DriverManager.getConnection(url)));
        writer = new GroupCommitWriter(connections, maxGroupSize, "test-writer", connection -> null, "test store");
    }

    /** Occupies the writer thread until {@link #release} opens; returns once it does. */
    private CompletionStage<Object> holdTheWriter() throws InterruptedException {
        CompletionStage<Object> held = writer.submit(connection -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    private CompletableFuture<Object> insert(int id) {
        return writer.submit(connection -> insert(connection, id)).toCompletableFuture();
    }

    private List<Integer> stored() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet result = connection.createStatement().executeQuery("SELECT id FROM item ORDER BY id")) {
            while (result.next()) {
                ids.add(result.getInt(1));
            }
        }
        return ids;
    }

    @Test
    void writesThatWaitedAreCommittedInOneTransaction() throws Exception {
        start(512);
        holdTheWriter();
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            writes.add(insert(id));
        }
        release.countDown();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(writer.transactions()).isEqualTo(2);
        assertThat(writer.tasks()).isEqualTo(101);
        assertThat(stored()).hasSize(100);
    }

    @Test
    void aGroupHoldsAtMostMaxGroupSizeWrites() throws Exception {
        start(10);
        holdTheWriter();
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        for (int id = 1; id <= 25; id++) {
            writes.add(insert(id));
        }
        release.countDown();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(writer.transactions()).isEqualTo(1 + 3);
    }

    @Test
    void aFailingWriteFailsAloneAndTheOthersInItsGroupCommit() throws Exception {
        start(512);
        holdTheWriter();
        CompletableFuture<Object> first = insert(1);
        CompletableFuture<Object> duplicate = insert(1);
        CompletableFuture<Object> throwing = writer.<Object>submit(connection -> {
            insert(connection, 3); // rolled back, and the others run again
            throw new IllegalStateException("refused");
        }).toCompletableFuture();
        CompletableFuture<Object> second = insert(2);
        release.countDown();

        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(duplicate::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(throwing::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(writer.transactions()).isEqualTo(2);
        assertThat(stored()).containsExactly(1, 2);
    }

    @Test
    void closeCommitsWhatWasQueuedAndRefusesWhatComesAfter() throws Exception {
        start(512);
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            writes.add(insert(id));
        }
        writer.close();

        assertThat(writes).allMatch(write -> write.isDone() && !write.isCompletedExceptionally());
        assertThat(stored()).hasSize(20);
        assertThatThrownBy(() -> insert(21).join()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        writer.close(); // again: nothing happens
    }

    @Test
    void aFailingWriteIsNeverRunAgainAndTheWritesBeforeItRunAgainInTheTransactionThatCommits() throws Exception {
        start(512);
        holdTheWriter();
        AtomicInteger runsBefore = new AtomicInteger();
        AtomicInteger runsOfTheFailing = new AtomicInteger();
        CompletableFuture<Object> before = writer.submit(connection -> {
            runsBefore.incrementAndGet();
            return insert(connection, 1);
        }).toCompletableFuture();
        CompletableFuture<Object> failing = writer.<Object>submit(connection -> {
            runsOfTheFailing.incrementAndGet();
            throw new SQLException("refused");
        }).toCompletableFuture();
        CompletableFuture<Object> after = insert(2);
        release.countDown();

        before.get(30, TimeUnit.SECONDS);
        after.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(failing::join).hasCauseInstanceOf(SQLException.class).hasMessageContaining("refused");
        assertThat(runsOfTheFailing).hasValue(1);
        assertThat(runsBefore).hasValue(2); // rolled back with the failing one, then committed
        assertThat(stored()).containsExactly(1, 2);
        assertThat(writer.transactions()).isEqualTo(2);
        assertThat(writer.tasks()).isEqualTo(4);
    }

    /** Inserts its id, alone or in a batch of its batcher's. */
    private record BatchedInsert(int id, BatchedWork.Batcher batcher) implements BatchedWork {
        @Override
        public Void run(Connection connection) throws SQLException {
            insert(connection, id);
            return null;
        }
    }

    /** Inserts the ids of its works in one statement batch, reporting the id {@code refused} as failed alone. */
    private static final class IdBatcher implements BatchedWork.Batcher {
        final List<List<Integer>> batches = new ArrayList<>();
        private final int refused;
        private final boolean failWhole;

        IdBatcher(int refused, boolean failWhole) {
            this.refused = refused;
            this.failWhole = failWhole;
        }

        @Override
        public BatchedWork.Failed runTogether(Connection connection, List<BatchedWork> works) throws SQLException {
            List<Integer> ids = works.stream().map(work -> ((BatchedInsert) work).id()).toList();
            batches.add(ids);
            if (failWhole) {
                throw new SQLException("the batch as a whole failed");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (id) VALUES (?)")) {
                for (int id : ids) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            int index = ids.indexOf(refused);
            return index < 0 ? BatchedWork.Failed.NONE
                    : new BatchedWork.Failed(index, new IllegalArgumentException("refused " + refused));
        }
    }

    private List<CompletableFuture<Void>> submitBatched(IdBatcher batcher, int... ids) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int id : ids) {
            writes.add(writer.submit(new BatchedInsert(id, batcher)).toCompletableFuture());
        }
        return writes;
    }

    @Test
    void consecutiveBatchedWritesRunAsOneBatchAndOneThatFailsAloneIsDroppedFromTheRetry() throws Exception {
        start(512);
        holdTheWriter();
        IdBatcher batcher = new IdBatcher(2, false);
        List<CompletableFuture<Void>> writes = submitBatched(batcher, 1, 2, 3);
        release.countDown();

        writes.get(0).get(30, TimeUnit.SECONDS);
        writes.get(2).get(30, TimeUnit.SECONDS);
        assertThatThrownBy(writes.get(1)::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused 2");
        assertThat(batcher.batches).containsExactly(List.of(1, 2, 3), List.of(1, 3));
        assertThat(stored()).containsExactly(1, 3);
        assertThat(writer.transactions()).isEqualTo(2);
    }

    @Test
    void aBatchThatFailsAsAWholeRunsAgainOneWriteAtATimeSoOnlyTheCulpritFails() throws Exception {
        start(512);
        insert(5).get(30, TimeUnit.SECONDS);
        holdTheWriter();
        IdBatcher batcher = new IdBatcher(-1, true);
        List<CompletableFuture<Void>> writes = submitBatched(batcher, 4, 5, 6); // 5 is a duplicate key
        release.countDown();

        writes.get(0).get(30, TimeUnit.SECONDS);
        writes.get(2).get(30, TimeUnit.SECONDS);
        assertThatThrownBy(writes.get(1)::join).hasCauseInstanceOf(SQLException.class);
        assertThat(batcher.batches).containsExactly(List.of(4, 5, 6));
        assertThat(stored()).containsExactly(4, 5, 6);
    }

    private static Object insert(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (id) VALUES (?)")) {
            insert.setInt(1, id);
            insert.executeUpdate();
        }
        return null;
    }
}
