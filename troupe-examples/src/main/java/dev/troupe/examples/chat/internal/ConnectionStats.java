package dev.troupe.examples.chat.internal;

/**
 * What a connection actor holds back for its client.
 *
 * @param buffered frames waiting now for the channel to become writable
 * @param maxBuffered the most frames that ever waited at once (never more than the outbound capacity)
 * @param dropped frames dropped so far because the queue was full
 * @param maxUnfinishedInbound the most frames the client had sent that the server had not finished with at once
 *     (see {@link InboundFlow}: bounded by its pause mark plus one socket read)
 */
public record ConnectionStats(int buffered, int maxBuffered, long dropped, int maxUnfinishedInbound) {}
