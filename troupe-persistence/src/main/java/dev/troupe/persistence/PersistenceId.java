package dev.troupe.persistence;

import java.util.Objects;

/**
 * The identity of one event-sourced entity in a journal: all its events, and its snapshots, are stored under it.
 * At most one live actor may write under a persistence id at a time (see {@link Journal#write}).
 *
 * <p>A value: immutable, safe to share between threads, equal when the strings are equal.
 *
 * @param value 1 to {@value #MAX_LENGTH} characters, not blank, without control characters
 */
public record PersistenceId(String value) {
    /** The longest persistence id, in characters. */
    public static final int MAX_LENGTH = 255;

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than {@value #MAX_LENGTH} characters or
     *     contains a control character
     */
    public PersistenceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A persistence id must not be blank, was \"" + value + "\"");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A persistence id has at most " + MAX_LENGTH + " characters, was "
                    + value.length() + ": \"" + value.substring(0, 40) + "...\"");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A persistence id must not contain control characters, was \""
                    + value.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
    }

    /** The persistence id {@code value}; see the constructor for what is valid. */
    public static PersistenceId of(String value) {
        return new PersistenceId(value);
    }

    /**
     * The persistence id {@code entityType|entityId}, the usual shape for many entities of one kind.
     *
     * @throws IllegalArgumentException if either part is blank or {@code entityType} contains {@code |}, or the
     *     result is not a valid persistence id
     */
    public static PersistenceId of(String entityType, String entityId) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        if (entityType.isBlank() || entityId.isBlank()) {
            throw new IllegalArgumentException("Entity type and entity id must not be blank, were \"" + entityType
                    + "\" and \"" + entityId + "\"");
        }
        if (entityType.indexOf('|') >= 0) {
            throw new IllegalArgumentException("An entity type must not contain '|', was \"" + entityType + "\"");
        }
        return new PersistenceId(entityType + "|" + entityId);
    }

    @Override
    public String toString() {
        return value;
    }
}
