package dev.troupe.examples.chat.internal;

/**
 * What a connection actor holds back for its client.
 *
 * @param buffered frames waiting now for the channel to become writable
 * @param maxBuffered the most frames that ever waited at once (never more than the outbound capacity)
 * @param dropped frames dropped so far because the queue was full
 */
public record ConnectionStats(int buffered, int maxBuffered, long dropped) {}
