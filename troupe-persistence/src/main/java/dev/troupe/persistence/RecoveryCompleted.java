package dev.troupe.persistence;

/**
 * The actor has recovered its state (snapshot and events) and is about to process its first command, the
 * commands that waited during recovery first. Sent once per incarnation: again after each restart.
 *
 * @param lastSequenceNr the sequence number of the last event the recovered state includes; 0 for a new entity
 */
public record RecoveryCompleted(long lastSequenceNr) implements PersistenceSignal {}
