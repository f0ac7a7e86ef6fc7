package dev.troupe.persistence;

import dev.troupe.actor.Behavior;
import dev.troupe.persistence.internal.ProjectionActor;
import dev.troupe.persistence.internal.ProjectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The read side (CQRS): an actor that follows the events of one tag, in offset order ({@link Journal#eventsByTag}),
 * hands each to a handler that updates a read model, and stores how far it got in an {@link OffsetStore}, so
 * that after a restart (of the actor or of the program) it goes on from there.
 *
 * <pre>{@code
 * Behavior<Void> balances = Projection.exactlyOnce("balances", store.journal(), "account",
 *         store.offsetStore(), (connection, envelope) -> ... update the balance table ...).behavior();
 * system.spawn(balances, "balances");
 * }</pre>
 *
 * <p><b>Delivery.</b> {@link #atLeastOnce}: the handler processes a page of events, then the offset of the
 * page's last event is saved; after a failure or a crash between the two, the events since the stored offset
 * are handled again, so the handler should be idempotent. {@link #exactlyOnce}: the read model lives in the
 * database of a {@link SqliteStore} or {@link PostgresStore}; the handler gets that store's JDBC connection, and
 * its updates for a page commit in the one transaction that saves the offset — both or neither, so each event
 * takes effect exactly once.
 *
 * <p><b>Polling and failures.</b> When it has caught up, the projection asks again after the poll interval
 * (default {@value #DEFAULT_POLL_INTERVAL_MILLIS} ms); a full page is followed by the next one at once. If
 * anything fails (reading, the handler, saving the offset) the failure is logged at WARN and the projection
 * starts again from the stored offset after an exponential back-off (default 100 ms doubling up to 30 s, reset
 * by the next success). It never stops by itself; stop the actor to stop it.
 *
 * <p><b>Threading.</b> A {@code Projection} is an immutable description, safe to share; {@code with…} returns a
 * new one. An at-least-once handler runs on the projection actor's thread, one event at a time, each call after
 * the stage returned by the previous one completed (which happens-before it); it must not block, and returns
 * a stage for work done elsewhere. An exactly-once handler runs on the store's writer thread inside its write
 * transaction, one event at a time; it may block on its JDBC calls (keep them short: other writes wait) and must
 * not commit, roll back or close the connection. The behavior accepts no messages ({@code Behavior<Void>}).
 *
 * <p>Bad arguments throw {@link NullPointerException} or {@link IllegalArgumentException} at once. Two running
 * projections with the same id would both store offsets under it; run one per id.
 */
public final class Projection {
    public static final long DEFAULT_POLL_INTERVAL_MILLIS = 1_000;
    /** Events read (and, at least once, processed before their offset is saved) per round. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /** Processes one event for an at-least-once projection; the returned stage completes when it is done. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<?> handle(EventEnvelope envelope) throws Exception;
    }

    /**
     * Processes one event for an exactly-once projection, with the store's connection, inside its transaction.
     * A transaction that is rolled back (another write of its group failed) runs again, so the handler may see
     * an event more than once; only one run's updates commit, and it must have no effects outside the database.
     */
    @FunctionalInterface
    public interface JdbcHandler {
        void handle(Connection connection, EventEnvelope envelope) throws SQLException;
    }

    private final ProjectionSettings settings;

    private Projection(ProjectionSettings settings) {
        this.settings = settings;
    }

    /**
     * A projection that hands the events tagged {@code tag} to {@code handler} and then saves their offset in
     * {@code offsets} under {@code projectionId}.
     *
     * @throws IllegalArgumentException if {@code projectionId} or {@code tag} is blank
     */
    public static Projection atLeastOnce(String projectionId, Journal journal, String tag, OffsetStore offsets,
                                         Handler handler) {
        return new Projection(ProjectionSettings.of(projectionId, journal, tag, offsets,
                new ProjectionSettings.AtLeastOnce(Objects.requireNonNull(handler, "handler"))));
    }

    /**
     * A projection whose {@code handler} updates a read model in the database of {@code offsets} in the
     * transaction that saves the offset.
     *
     * @throws IllegalArgumentException if {@code projectionId} or {@code tag} is blank
     */
    public static Projection exactlyOnce(String projectionId, Journal journal, String tag, JdbcOffsetStore offsets,
                                         JdbcHandler handler) {
        return new Projection(ProjectionSettings.of(projectionId, journal, tag, offsets,
                new ProjectionSettings.ExactlyOnce(offsets, Objects.requireNonNull(handler, "handler"))));
    }

    /** @throws IllegalArgumentException if {@code interval} is not positive */
    public Projection withPollInterval(Duration interval) {
        return new Projection(settings.withPollInterval(interval));
    }

    /** @throws IllegalArgumentException if {@code size} is not positive */
    public Projection withBatchSize(int size) {
        return new Projection(settings.withBatchSize(size));
    }

    /** @throws IllegalArgumentException if {@code min} is not positive or {@code max} is less than it */
    public Projection withBackoff(Duration min, Duration max) {
        return new Projection(settings.withBackoff(min, max));
    }

    /** The projection as a behavior to spawn; it starts by loading its offset. */
    public Behavior<Void> behavior() {
        return ProjectionActor.behavior(settings);
    }
}
