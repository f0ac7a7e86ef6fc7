package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.CircuitBreaker.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many real threads race a breaker across its transitions; virtual time moves on yet another thread. The
 * invariants: one trial per half-open period, one outcome per call, every returned stage completes.
 */
class CircuitBreakerStressTest {
    private static final Duration RESET = Duration.ofMillis(2);
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(5);
    private static final long DEADLINE_SECONDS = 60;

    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final ManualScheduler time = new ManualScheduler();
    private final Collection<Event> events = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Thrown or failed with by the service; anything else reaching a caller is the breaker's own. */
    private static final class ServiceDown extends RuntimeException {
        ServiceDown() {
            super("service down", null, false, false);
        }
    }

    private void runTogether(List<Callable<Void>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> running = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            running.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        for (Future<Void> f : running) {
            f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private long count(Class<? extends Event> type) {
        return events.stream().filter(type::isInstance).count();
    }

    @Test
    void callersSpinningAcrossTheMomentItHalfOpensGetExactlyOneTrialAndItHasOneOutcome() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.create(time, CircuitBreakerSettings.of(1, CALL_TIMEOUT, RESET));
        Map<Class<?>, LongAdder> counts = new ConcurrentHashMap<>();
        breaker.listen(e -> counts.computeIfAbsent(e.getClass(), c -> new LongAdder()).increment());
        int rounds = 300;
        int callers = 3;
        int trialsSucceeded = 0;
        LongAdder refused = new LongAdder();
        for (int round = 0; round < rounds; round++) {
            breaker.fail();
            AtomicInteger bodies = new AtomicInteger();
            AtomicBoolean roundOver = new AtomicBoolean();
            CompletableFuture<String> trialReply = new CompletableFuture<>();
            Collection<CompletableFuture<String>> admitted = new ConcurrentLinkedQueue<>();
            List<Future<?>> spinning = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                spinning.add(threads.submit(() -> {
                    while (!roundOver.get()) {
                        CompletableFuture<String> result = breaker.call(() -> {
                            bodies.incrementAndGet();
                            return trialReply;
                        }).toCompletableFuture();
                        if (result.isCompletedExceptionally()) {
                            refused.increment();
                        } else {
                            admitted.add(result);
                        }
                    }
                }));
            }
            time.advance(RESET); // half-opens while the callers spin
            await().atMost(Duration.ofSeconds(DEADLINE_SECONDS)).pollInterval(Duration.ofMillis(1))
                    .until(() -> bodies.get() > 0);
            roundOver.set(true);
            for (Future<?> f : spinning) {
                f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
            assertThat(bodies).as("bodies run in round %d", round).hasValue(1);
            assertThat(admitted).hasSize(1);

            // the trial's reply races its time-out
            runTogether(List.of(() -> {
                trialReply.complete("ok");
                return null;
            }, () -> {
                time.advance(CALL_TIMEOUT);
                return null;
            }));
            String outcome = outcome(admitted.iterator().next());
            assertThat(outcome).isIn("ok", "TimeoutException");
            boolean succeeded = outcome.equals("ok");
            assertThat(breaker.state()).as("round %d", round)
                    .isEqualTo(succeeded ? CircuitBreaker.State.CLOSED : CircuitBreaker.State.OPEN);
            if (succeeded) {
                trialsSucceeded++;
            } else {
                time.advance(RESET);
                breaker.succeed();
            }
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
        assertThat(counts.get(Event.CallSucceeded.class).sum()).isEqualTo(trialsSucceeded);
        assertThat(counts.getOrDefault(Event.CallTimedOut.class, new LongAdder()).sum())
                .as("one outcome per trial").isEqualTo(rounds - trialsSucceeded);
        assertThat(counts.get(Event.CallRejected.class).sum()).isEqualTo(refused.sum());
    }

    @Test
    void randomOutcomesOnManyThreadsLoseNoCompletionAndCountEachCallOnce() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.create(time, CircuitBreakerSettings.of(3, CALL_TIMEOUT, RESET)
                .withExponentialBackoff(2.0, Duration.ofMillis(16)).withRandomFactor(0.3));
        breaker.listen(events::add);
        ExecutorService completers = Executors.newFixedThreadPool(2);
        AtomicInteger bodies = new AtomicInteger();
        AtomicBoolean callersDone = new AtomicBoolean();
        Collection<CompletableFuture<String>> results = new ConcurrentLinkedQueue<>();
        int callers = 4;
        int callsEach = 5_000;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            tasks.add(() -> {
                for (int i = 0; i < callsEach; i++) {
                    results.add(breaker.call(() -> {
                        bodies.incrementAndGet();
                        return randomReply(completers);
                    }).toCompletableFuture());
                }
                return null;
            });
        }
        CompletableFuture<Void> clock = CompletableFuture.runAsync(() -> {
            while (!callersDone.get()) {
                time.advance(Duration.ofMillis(1));
            }
        }, threads);
        try {
            runTogether(tasks);
        } finally {
            callersDone.set(true);
        }
        clock.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        completers.shutdown();
        assertThat(completers.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        time.advance(CALL_TIMEOUT); // what never replied times out now

        assertThat(results).hasSize(callers * callsEach).allMatch(CompletableFuture::isDone);
        Map<String, Long> outcomes = results.stream()
                .collect(Collectors.groupingBy(CircuitBreakerStressTest::outcome, Collectors.counting()));
        assertThat(outcomes.keySet()).as("nothing but these")
                .containsExactlyInAnyOrder("ok", "ServiceDown", "TimeoutException", "CircuitBreakerOpenException");
        assertThat(count(Event.CallSucceeded.class)).isEqualTo(outcomes.get("ok"));
        assertThat(count(Event.CallFailed.class)).isEqualTo(outcomes.get("ServiceDown"));
        assertThat(count(Event.CallTimedOut.class)).isEqualTo(outcomes.get("TimeoutException"));
        assertThat(count(Event.CallRejected.class)).isEqualTo(outcomes.get("CircuitBreakerOpenException"));
        assertThat(bodies.get()).as("every body that ran had exactly one outcome")
                .isEqualTo(outcomes.get("ok") + outcomes.get("ServiceDown") + outcomes.get("TimeoutException"));

        // transitions form one path CLOSED -> OPEN -> HALF_OPEN -> (CLOSED | OPEN) -> ...
        long opensFromClosed = events.stream().filter(e -> e instanceof Event.Opened o && o.failures() == 3).count();
        long reopens = events.stream().filter(e -> e instanceof Event.Opened o && o.failures() == 1).count();
        long halfOpens = count(Event.HalfOpened.class);
        long closes = count(Event.Closed.class);
        assertThat(opensFromClosed + reopens).isEqualTo(count(Event.Opened.class));
        assertThat(closes).as("the run went round the cycle").isPositive();
        assertThat(reopens).as("and failed trials").isPositive();
        // entries into each state equal exits from it, plus one for the state it ends in (and CLOSED starts)
        CircuitBreaker.State end = breaker.state();
        assertThat(opensFromClosed).isEqualTo(1 + closes - (end == CircuitBreaker.State.CLOSED ? 1 : 0));
        assertThat(halfOpens).isEqualTo(opensFromClosed + reopens - (end == CircuitBreaker.State.OPEN ? 1 : 0));
        assertThat(closes + reopens).isEqualTo(halfOpens - (end == CircuitBreaker.State.HALF_OPEN ? 1 : 0));
    }

    private static CompletionStage<String> randomReply(ExecutorService completers) {
        int dice = ThreadLocalRandom.current().nextInt(10);
        return switch (dice) {
            case 0, 1, 2, 3 -> CompletableFuture.completedFuture("ok");
            case 4, 5 -> CompletableFuture.failedFuture(new ServiceDown());
            case 6 -> throw new ServiceDown();
            case 7, 8 -> CompletableFuture.supplyAsync(() -> {
                if (ThreadLocalRandom.current().nextBoolean()) {
                    throw new ServiceDown();
                }
                return "ok";
            }, completers);
            default -> new CompletableFuture<>(); // never replies: times out
        };
    }

    private static String outcome(CompletableFuture<String> result) {
        Function<Throwable, String> name = t -> (t instanceof CompletionException ce ? ce.getCause() : t)
                .getClass().getSimpleName();
        return result.handle((v, t) -> t == null ? v : name.apply(t)).join();
    }
}
