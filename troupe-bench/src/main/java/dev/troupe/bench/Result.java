package dev.troupe.bench;

/**
 * What one run of a workload reports: how many units of work it did (messages, hops, meetings, actors...) and
 * a checksum that only a correct run produces. The runner compares both with {@link Workload#expected(long)}
 * and refuses to report a time for a run that does not match.
 */
public record Result(long count, long checksum) {}
