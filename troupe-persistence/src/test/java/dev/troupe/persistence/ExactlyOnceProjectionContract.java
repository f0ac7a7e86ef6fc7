package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static dev.troupe.persistence.JournalContract.event;
import static dev.troupe.persistence.ProjectionContract.A;
import static dev.troupe.persistence.ProjectionContract.DEADLINE;
import static dev.troupe.persistence.ProjectionContract.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.testkit.ActorTestKit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once projections: the read model is a table in the store's own database, updated in the transaction
 * that saves the offset. Extend it with a fresh store's journal and offset store and a connection of its own to
 * the same database.
 */
abstract class ExactlyOnceProjectionContract {
    private ActorTestKit kit;
    private Connection connection;

    protected abstract Journal journal();

    protected abstract JdbcOffsetStore offsetStore();

    protected abstract Connection connect() throws SQLException;

    @BeforeEach
    void createTheReadModel() throws SQLException {
        kit = ActorTestKit.create("exactly-once");
        connection = connect();
        connection.createStatement()
                .execute("CREATE TABLE shelf_view (item TEXT NOT NULL, event_offset BIGINT NOT NULL)");
    }

    @AfterEach
    void close() throws SQLException {
        kit.shutdown();
        connection.close();
    }

    // tag::read-model[]
    static void addToView(Connection connection, EventEnvelope envelope) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO shelf_view (item, event_offset) VALUES (?, ?)")) {
            insert.setString(1, ProjectionContract.item(envelope));
            insert.setLong(2, envelope.offset());
            insert.executeUpdate();
        }
    }
    // end::read-model[]

    private List<String> view() throws SQLException {
        List<String> items = new ArrayList<>();
        try (ResultSet rows = connection.createStatement()
                .executeQuery("SELECT item FROM shelf_view ORDER BY event_offset")) {
            while (rows.next()) {
                items.add(rows.getString(1));
            }
        }
        return items;
    }

    @Test
    void aFailureAfterTheUpdateLeavesNeitherTheUpdateNorTheOffset() throws SQLException {
        await(offsetStore().save("shelf-view", 5));

        assertThatThrownBy(() -> await(offsetStore().saveAfter("shelf-view", 9, connection -> {
            addToView(connection, new EventEnvelope(9, event(A, 1, "shelf")));
            throw new SQLException("the process dies between the update and the offset");
        }))).hasCauseInstanceOf(SQLException.class);

        assertThat(view()).isEmpty();
        assertThat(await(offsetStore().load("shelf-view"))).isEqualTo(5);
    }

    private final AtomicBoolean failed = new AtomicBoolean();

    private void failOnceAt(EventEnvelope envelope, String item) throws SQLException {
        if (item(envelope).equals(item) && failed.compareAndSet(false, true)) {
            throw new SQLException("the read model refuses " + item + " after it was added");
        }
    }

    @Test
    void eachEventTakesEffectOnceThoughTheHandlerFailedMidPage() throws SQLException {
        for (long nr = 1; nr <= 4; nr++) {
            await(journal().write(List.of(event(A, nr, "shelf"))));
        }
        // tag::exactly-once[]
        Projection view = Projection.exactlyOnce("shelf-view", journal(), "shelf", offsetStore(),
                (connection, envelope) -> {
                    addToView(connection, envelope);
                    failOnceAt(envelope, "projected|a#3"); // the test's fault: after the update, before the offset
                });
        kit.spawn(view.withPollInterval(Duration.ofMillis(20)).behavior(), "shelf-view");
        // end::exactly-once[]
        long last = await(journal().eventsByTag("shelf", 0, 10)).getLast().offset();

        await().atMost(DEADLINE).until(() -> await(offsetStore().load("shelf-view")) == last);
        assertThat(failed).isTrue();
        assertThat(view()).containsExactly("projected|a#1", "projected|a#2", "projected|a#3", "projected|a#4");
    }
}
