package dev.troupe.persistence.internal;

import dev.troupe.persistence.JdbcOffsetStore;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.OffsetStore;
import dev.troupe.persistence.Projection;
import java.time.Duration;
import java.util.Objects;

/** What a {@link Projection} is: its id, source, offsets, processing and timing. Immutable. */
public record ProjectionSettings(String projectionId, Journal journal, String tag, OffsetStore offsets,
                                 Processing processing, Duration pollInterval, int batchSize, Duration minBackoff,
                                 Duration maxBackoff) {

    /** How a page of events is processed. */
    public sealed interface Processing {}

    public record AtLeastOnce(Projection.Handler handler) implements Processing {}

    public record ExactlyOnce(JdbcOffsetStore offsets, Projection.JdbcHandler handler) implements Processing {}

    public static ProjectionSettings of(String projectionId, Journal journal, String tag, OffsetStore offsets,
                                        Processing processing) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(offsets, "offsets");
        Batches.checkOffset(projectionId, 0);
        Batches.checkTagQuery(tag, 0, 1);
        return new ProjectionSettings(projectionId, journal, tag, offsets, processing,
                Duration.ofMillis(Projection.DEFAULT_POLL_INTERVAL_MILLIS), Projection.DEFAULT_BATCH_SIZE,
                Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    public ProjectionSettings withPollInterval(Duration interval) {
        requirePositive(interval, "poll interval");
        return new ProjectionSettings(projectionId, journal, tag, offsets, processing, interval, batchSize,
                minBackoff, maxBackoff);
    }

    public ProjectionSettings withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("The batch size of projection " + projectionId + " must be positive, "
                    + "was " + size);
        }
        return new ProjectionSettings(projectionId, journal, tag, offsets, processing, pollInterval, size,
                minBackoff, maxBackoff);
    }

    public ProjectionSettings withBackoff(Duration min, Duration max) {
        requirePositive(min, "minimum back-off");
        Objects.requireNonNull(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("The maximum back-off of projection " + projectionId + " (" + max
                    + ") is less than the minimum (" + min + ")");
        }
        return new ProjectionSettings(projectionId, journal, tag, offsets, processing, pollInterval, batchSize,
                min, max);
    }

    private void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + what + " of projection " + projectionId + " must be "
                    + "positive, was " + duration);
        }
    }

    /** The back-off before the {@code failures}th restart in a row: doubling from the minimum, capped. */
    Duration backoff(int failures) {
        Duration delay = minBackoff;
        for (int i = 1; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
