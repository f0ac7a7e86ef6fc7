package dev.troupe.observe.internal.web;

import java.util.List;

/**
 * The JSON bodies of the observer's endpoints, as records Jackson writes field by field. Times are
 * milliseconds (fractions kept), rates per second, sizes bytes; paths print without their uid.
 */
final class Views {
    private Views() {}

    /** {@code GET /api/summary}, and part of every live frame. */
    record Summary(String systemName, long uptimeMillis, long actorsAlive, long messagesProcessed,
                   long messagesPerSecond, long deadLetters, long drops, long restarts, long heapUsedBytes,
                   long heapMaxBytes, int activeAlerts) {}

    /** P50, P95 and P99 of a distribution, in milliseconds. */
    record Percentiles(double p50, double p95, double p99) {}

    /** One element of {@code GET /api/types}. */
    record ActorType(String actorType, long actorsAlive, long actorsSpawned, long actorsStopped,
                     long messagesProcessed, Percentiles processingMillis, Percentiles timeInMailboxMillis,
                     long currentMailboxDepth, long mailboxDepthMax, long failures, long restarts,
                     long averageMemoryBytes) {}

    /** An actor as a node of the tree: enough to draw it, and whether it can be expanded. */
    record TreeNode(String path, String name, String actorType, int mailboxDepth, long messagesPerSecond,
                    int childCount) {}

    /**
     * {@code GET /api/tree}: one level of the tree, the children of {@code path} sorted by name, at most the
     * requested number of them out of {@code total}.
     */
    record TreeLevel(String path, String name, int total, List<TreeNode> children) {}

    /** {@code GET /api/actor}: one actor in full. */
    record ActorDetail(String path, String name, long uid, String actorType, String mailboxKind, int mailboxDepth,
                       String dispatcher, int childCount, List<String> children, long messagesProcessed,
                       long messagesPerSecond, double estimatedProcessingMillis, long estimatedMemoryBytes,
                       long uptimeMillis, boolean terminated) {}

    /** An element of the hottest lists. */
    record HotActor(String path, String actorType, double processingMillis, int mailboxDepth,
                    long messagesPerSecond) {}

    /** {@code GET /api/hottest}. */
    record Hottest(List<HotActor> byProcessing, List<HotActor> byMailboxDepth) {}

    /** An element of {@code GET /api/restarts}, newest first. */
    record Restart(long timeMillis, String path, String actorType, String kind, String causeClass,
                   String causeMessage, int restartCount) {}

    /** A count of messages of one class. */
    record MessageCount(String messageType, long count) {}

    /** {@code GET /api/dead-letters}: counts by message class, most first. */
    record DeadLetters(long deadLetters, long drops, List<MessageCount> deadLettersByType,
                       List<MessageCount> dropsByType) {}

    /** An element of {@code GET /api/alerts}, newest first; {@code active} while the breach lasts. */
    record Alert(long timeMillis, String kind, String subject, String actorType, String message, boolean active) {}

    /** {@code POST /api/actor/stop}: the stop was asked for; the actor stops asynchronously. */
    record StopRequested(String path, String status) {}

    /** A point of the live charts: system throughput and the worst actor type's recent P95 latencies. */
    record ChartPoint(long timeMillis, long messagesPerSecond, double processingP95Millis,
                      double timeInMailboxP95Millis) {}

    /** The server-sent event {@code tick}, once a second. */
    record LiveFrame(Summary summary, ChartPoint point) {}
}
