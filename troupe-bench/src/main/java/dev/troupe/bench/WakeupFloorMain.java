package dev.troupe.bench;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The floor under the {@code cross-thread} latency variant, with no actor library at all: a plain client thread
 * hands request k to a plain server thread that sleeps between requests ({@link LockSupport#park}), the server
 * completes the client's {@link CompletableFuture} with k, and the client {@code join}s it. Every round trip
 * therefore pays what the actor versions pay at the least: one wake-up of a sleeping thread each way. Both
 * Troupe's and Pekko's cross-thread round trips add their ask machinery on top of this.
 *
 * <p>Each reply's value is checked; a wrong one ends the program with an error and no figures. Prints, per
 * round, P50/P99/P99.9/max in µs. Arguments: {@code [requests per round (100,000)] [rounds (5)]}.
 */
public final class WakeupFloorMain {
    private WakeupFloorMain() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int round = 1; round <= rounds; round++) {
            Histogram h = roundTrips(n);
            System.out.printf(Locale.ROOT, "wake-up floor round %d: P50 %.2f µs  P99 %.2f µs  P99.9 %.2f µs  max %.1f µs"
                            + "  (%d round trips)%n", round, h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
                    h.getTotalCount());
        }
    }

    /** n validated round trips between this thread and a fresh server thread. */
    static Histogram roundTrips(int n) throws InterruptedException {
        Exchange exchange = new Exchange();
        Thread server = new Thread(exchange::serve, "wakeup-floor-server");
        server.setDaemon(true);
        server.start();
        exchange.server = server;
        Histogram histogram = LatencyMain.newHistogram();
        try {
            for (long k = 1; k <= n; k++) {
                long start = System.nanoTime();
                long reply = exchange.call(k).join();
                histogram.recordValue(System.nanoTime() - start);
                if (reply != k) {
                    throw Work.broken("request " + k + " got reply " + reply);
                }
            }
        } finally {
            exchange.call(0); // 0 ends the server
            server.join();
        }
        return histogram;
    }

    /** One request slot between the client and the server; the server parks while it is empty. */
    private static final class Exchange {
        private volatile Thread server;
        private volatile long request;
        private volatile CompletableFuture<Long> reply;

        CompletableFuture<Long> call(long k) {
            CompletableFuture<Long> future = new CompletableFuture<>();
            reply = future;
            request = k; // published after the future: the server reads request first, then reply
            LockSupport.unpark(server);
            return future;
        }

        void serve() {
            long last = 0;
            for (;;) {
                long k = request;
                if (k == last) {
                    LockSupport.park(this);
                    continue;
                }
                if (k == 0) {
                    return;
                }
                last = k;
                reply.complete(k);
            }
        }
    }
}
