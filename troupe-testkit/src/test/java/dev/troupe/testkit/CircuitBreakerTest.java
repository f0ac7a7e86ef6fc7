package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.CircuitBreaker;
import dev.troupe.actor.CircuitBreaker.Event;
import dev.troupe.actor.CircuitBreaker.State;
import dev.troupe.actor.CircuitBreakerOpenException;
import dev.troupe.actor.CircuitBreakerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The breaker's state machine, driven step by step with {@link ManualTime}. */
class CircuitBreakerTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESET = Duration.ofSeconds(10);

    private final ManualTime time = ManualTime.create();
    private final Service service = new Service();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    /** A dependency whose replies the test gives by hand: each call returns a fresh pending stage. */
    private static final class Service {
        final List<CompletableFuture<String>> pending = new ArrayList<>();
        int calls;

        CompletionStage<String> request() {
            calls++;
            CompletableFuture<String> reply = new CompletableFuture<>();
            pending.add(reply);
            return reply;
        }

        void replyLast(String value) {
            pending.getLast().complete(value);
        }

        void failLast() {
            pending.getLast().completeExceptionally(new IllegalStateException("service down"));
        }
    }

    private CircuitBreaker breaker(CircuitBreakerSettings settings) {
        CircuitBreaker breaker = CircuitBreaker.create(time, settings);
        breaker.listen(events::add);
        return breaker;
    }

    private CircuitBreaker breaker(int maxFailures) {
        return breaker(CircuitBreakerSettings.of(maxFailures, CALL_TIMEOUT, RESET));
    }

    private CompletableFuture<String> call(CircuitBreaker breaker) {
        return breaker.call(service::request).toCompletableFuture();
    }

    private void failOnce(CircuitBreaker breaker) {
        CompletableFuture<String> result = call(breaker);
        service.failLast();
        assertThat(result).isCompletedExceptionally();
    }

    private void succeedOnce(CircuitBreaker breaker) {
        CompletableFuture<String> result = call(breaker);
        service.replyLast("ok");
        assertThat(result).isCompletedWithValue("ok");
    }

    private static Throwable failureOf(CompletableFuture<?> result) {
        assertThat(result).isDone();
        return catchThrowable(result::get) instanceof ExecutionException e ? e.getCause() : null;
    }

    /** Open until one nanosecond before {@code open} has passed, half-open at that instant. */
    private void halfOpensExactlyAfter(CircuitBreaker breaker, Duration open) {
        time.timePasses(open.minusNanos(1));
        assertThat(breaker.state()).as("still open just before %s", open).isEqualTo(State.OPEN);
        time.timePasses(Duration.ofNanos(1));
        assertThat(breaker.state()).as("half-open after %s", open).isEqualTo(State.HALF_OPEN);
    }

    private static Duration remainingOf(CompletableFuture<?> refused) {
        return ((CircuitBreakerOpenException) failureOf(refused)).remaining();
    }

    @Test
    void settingsReadAsWritten() {
        // tag::settings[]
        CircuitBreakerSettings settings = CircuitBreakerSettings
                .of(5, Duration.ofSeconds(2), Duration.ofSeconds(10))   // maxFailures, callTimeout, resetTimeout
                .withExponentialBackoff(2.0, Duration.ofMinutes(5))     // 10 s, 20 s, 40 s ... up to 5 min
                .withRandomFactor(0.2);                                 // each open period up to 20 % longer
        // end::settings[]
        assertThat(settings).isEqualTo(new CircuitBreakerSettings(5, Duration.ofSeconds(2), Duration.ofSeconds(10),
                2.0, Duration.ofMinutes(5), 0.2));
        assertThat(CircuitBreakerSettings.of(1, RESET, RESET)).extracting(
                CircuitBreakerSettings::backoffFactor, CircuitBreakerSettings::maxResetTimeout,
                CircuitBreakerSettings::randomFactor).containsExactly(1.0, Duration.ofDays(36_500), 0.0);
    }

    // ---- closed ----------------------------------------------------------------------------------------------

    @Test
    void closedBreakerPassesCallsThroughWithTheirOutcome() {
        CircuitBreaker breaker = breaker(3);
        CompletableFuture<String> ok = call(breaker);
        assertThat(ok).isNotDone();
        service.replyLast("pong");
        CompletableFuture<String> failed = call(breaker);
        service.failLast();

        assertThat(ok).isCompletedWithValue("pong");
        assertThat(failureOf(failed)).isInstanceOf(IllegalStateException.class).hasMessage("service down");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.failureCount()).isEqualTo(1);
        assertThat(time.scheduledCount()).as("call time-outs cancelled once the calls completed").isZero();
    }

    @Test
    void onlyConsecutiveFailuresOpenTheBreaker() {
        CircuitBreaker breaker = breaker(3);
        failOnce(breaker);
        failOnce(breaker);
        succeedOnce(breaker);
        assertThat(breaker.failureCount()).as("a success resets the count").isZero();
        failOnce(breaker);
        failOnce(breaker);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.failureCount()).isEqualTo(2);

        failOnce(breaker);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(events).contains(new Event.Opened(3, RESET));
    }

    @Test
    void callOutlivingItsTimeOutFailsWithTimeoutExceptionAndCountsAsFailure() {
        CircuitBreaker breaker = breaker(2);
        CompletableFuture<String> slow = call(breaker);
        time.timePasses(CALL_TIMEOUT.minusMillis(1));
        assertThat(slow).isNotDone();

        time.timePasses(Duration.ofMillis(1));
        assertThat(failureOf(slow)).isInstanceOf(TimeoutException.class).hasMessageContaining("PT2S");
        assertThat(breaker.failureCount()).isEqualTo(1);
        assertThat(events).containsExactly(new Event.CallTimedOut(CALL_TIMEOUT));
    }

    @Test
    void completionAfterTheTimeOutIsIgnored() {
        CircuitBreaker breaker = breaker(2);
        CompletableFuture<String> slow = call(breaker);
        time.timePasses(CALL_TIMEOUT);
        service.replyLast("too late");

        assertThat(failureOf(slow)).isInstanceOf(TimeoutException.class);
        assertThat(breaker.failureCount()).as("the late success does not reset the count").isEqualTo(1);
        assertThat(events).containsExactly(new Event.CallTimedOut(CALL_TIMEOUT));
    }

    @Test
    void bodyThatThrowsOrReturnsNullFailsTheStageAndCounts() {
        CircuitBreaker breaker = breaker(3);
        RuntimeException boom = new IllegalArgumentException("boom");
        CompletableFuture<String> thrown = breaker.<String>call(() -> {
            throw boom;
        }).toCompletableFuture();
        CompletableFuture<String> returnedNull = breaker.<String>call(() -> null).toCompletableFuture();

        assertThat(failureOf(thrown)).isSameAs(boom);
        assertThat(failureOf(returnedNull)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("returned null instead of a CompletionStage");
        assertThat(breaker.failureCount()).isEqualTo(2);
        assertThat(time.scheduledCount()).isZero();
    }

    @Test
    void failureDefinitionDecidesWhatCounts() {
        CircuitBreaker breaker = breaker(2);
        // tag::failure-definition[]
        CompletionStage<String> reply = breaker.call(service::request,
                (value, failure) -> failure != null || "bad".equals(value));
        // end::failure-definition[]
        CompletableFuture<String> bad = reply.toCompletableFuture();
        service.replyLast("bad");
        assertThat(bad).as("the caller still gets the value").isCompletedWithValue("bad");
        assertThat(breaker.failureCount()).isEqualTo(1);

        CompletableFuture<String> notFound = breaker.call(service::request,
                (value, failure) -> failure != null && !(failure instanceof IllegalStateException))
                .toCompletableFuture();
        service.failLast();
        assertThat(failureOf(notFound)).isInstanceOf(IllegalStateException.class);
        assertThat(breaker.failureCount()).as("an expected exception counted as success").isZero();
        assertThat(events).containsExactly(new Event.CallFailed(Duration.ZERO, null),
                new Event.CallSucceeded(Duration.ZERO));
    }

    @Test
    void failureDefinitionThatThrowsFailsTheStageAndCounts() {
        CircuitBreaker breaker = breaker(2);
        IllegalStateException broken = new IllegalStateException("broken predicate");
        CompletableFuture<String> result = breaker.call(service::request, (value, failure) -> {
            throw broken;
        }).toCompletableFuture();
        service.replyLast("ok");
        assertThat(failureOf(result)).isSameAs(broken);
        assertThat(breaker.failureCount()).isEqualTo(1);
    }

    @Test
    void failuresOfTheStageAreUnwrappedFromCompletionException() {
        CircuitBreaker breaker = breaker(2);
        IllegalStateException cause = new IllegalStateException("down");
        CompletableFuture<String> result = breaker.call(() -> CompletableFuture.<String>failedFuture(cause)
                .thenApply(s -> s)).toCompletableFuture();
        assertThat(failureOf(result)).isSameAs(cause);
        assertThat(events).containsExactly(new Event.CallFailed(Duration.ZERO, cause));
    }

    // ---- open ------------------------------------------------------------------------------------------------

    @Test
    void openBreakerFailsFastWithoutRunningTheBodyAndSaysHowLongRemains() {
        CircuitBreaker breaker = breaker(1);
        failOnce(breaker);
        time.timePasses(Duration.ofSeconds(4));
        int callsBefore = service.calls;

        CompletableFuture<String> refused = call(breaker);
        assertThat(service.calls).as("body not run").isEqualTo(callsBefore);
        assertThat(remainingOf(refused)).isEqualTo(Duration.ofSeconds(6));
        assertThat(failureOf(refused)).hasMessageContaining("open").hasMessageContaining("PT6S");
        assertThat(events).endsWith(new Event.CallRejected(Duration.ofSeconds(6)));
        assertThat(failureOf(refused).getStackTrace()).as("cheap: no stack trace").isEmpty();
    }

    @Test
    void openBreakerIgnoresManualOutcomes() {
        CircuitBreaker breaker = breaker(1);
        failOnce(breaker);
        breaker.succeed();
        breaker.fail();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        time.timePasses(RESET);
        assertThat(breaker.state()).as("the reset time-out was not restarted").isEqualTo(State.HALF_OPEN);
    }

    // ---- half-open -------------------------------------------------------------------------------------------

    @Test
    void halfOpenBreakerLetsExactlyOneTrialThroughAndClosesWhenItSucceeds() {
        CircuitBreaker breaker = breaker(1);
        failOnce(breaker);
        halfOpensExactlyAfter(breaker, RESET);

        CompletableFuture<String> trial = call(breaker);
        CompletableFuture<String> second = call(breaker);
        assertThat(service.calls).as("the trial and the first call").isEqualTo(2);
        assertThat(remainingOf(second)).isZero();
        assertThat(failureOf(second)).hasMessageContaining("half-open");

        service.replyLast("recovered");
        assertThat(trial).isCompletedWithValue("recovered");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        succeedOnce(breaker);
    }

    @Test
    void failedTrialReopensTheBreaker() {
        CircuitBreaker breaker = breaker(3);
        for (int i = 0; i < 3; i++) {
            failOnce(breaker);
        }
        time.timePasses(RESET);
        failOnce(breaker);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(events).endsWith(new Event.Opened(1, RESET));
    }

    @Test
    void trialThatTimesOutReopensTheBreaker() {
        CircuitBreaker breaker = breaker(1);
        failOnce(breaker);
        time.timePasses(RESET);
        CompletableFuture<String> trial = call(breaker);
        time.timePasses(CALL_TIMEOUT);
        assertThat(failureOf(trial)).isInstanceOf(TimeoutException.class);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void resetTimeoutGrowsByTheFactorUpToTheMaximumAndReturnsToBaseAfterClosing() {
        CircuitBreaker breaker = breaker(CircuitBreakerSettings.of(1, CALL_TIMEOUT, Duration.ofSeconds(1))
                .withExponentialBackoff(2.0, Duration.ofSeconds(5)));
        List<Duration> openTimes = new ArrayList<>();
        breaker.listen(e -> {
            if (e instanceof Event.Opened(var failures, var reset)) {
                openTimes.add(reset);
            }
        });
        failOnce(breaker);
        for (int trial = 0; trial < 4; trial++) {
            halfOpensExactlyAfter(breaker, openTimes.getLast());
            failOnce(breaker);
        }
        assertThat(openTimes).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(5));

        time.timePasses(Duration.ofSeconds(5));
        succeedOnce(breaker);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        failOnce(breaker);
        assertThat(openTimes.getLast()).as("back to the base after closing").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterLengthensEachOpenPeriodWithinItsBounds() {
        CircuitBreakerSettings settings = CircuitBreakerSettings.of(1, CALL_TIMEOUT, RESET).withRandomFactor(0.5);
        Duration max = RESET.plus(RESET.dividedBy(2));
        List<Duration> openTimes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CircuitBreaker breaker = CircuitBreaker.create(time, settings);
            breaker.listen(e -> {
                if (e instanceof Event.Opened(var failures, var reset)) {
                    openTimes.add(reset);
                }
            });
            breaker.fail();
            assertThat(remainingOf(breaker.call(service::request).toCompletableFuture()))
                    .as("what a refusal reports is the jittered time").isEqualTo(openTimes.getLast());
        }
        assertThat(openTimes).hasSize(200).allSatisfy(d -> assertThat(d).isBetween(RESET, max));
        assertThat(openTimes.stream().distinct().count()).as("jitter varies").isGreaterThan(100);
    }

    @Test
    void jitteredOpenPeriodEndsExactlyWhenReported() {
        CircuitBreaker breaker = breaker(CircuitBreakerSettings.of(1, CALL_TIMEOUT, RESET).withRandomFactor(1.0));
        breaker.fail();
        halfOpensExactlyAfter(breaker, ((Event.Opened) events.getLast()).resetTimeout());
    }

    // ---- stale outcomes ----------------------------------------------------------------------------------------

    @Test
    void outcomeOfACallFromAnEarlierClosedPeriodDoesNotCountInALaterOne() {
        CircuitBreaker breaker = breaker(CircuitBreakerSettings.of(2, Duration.ofHours(1), RESET));
        CompletableFuture<String> straggler = call(breaker);
        CompletableFuture<String> stragglerReply = service.pending.getLast();
        failOnce(breaker);
        failOnce(breaker);
        time.timePasses(RESET);
        succeedOnce(breaker);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        failOnce(breaker);

        stragglerReply.complete("from before");
        assertThat(straggler).isCompletedWithValue("from before");
        assertThat(breaker.failureCount()).as("the straggler's success does not reset the new period").isEqualTo(1);

        CompletableFuture<String> second = call(breaker);
        time.timePasses(Duration.ofMinutes(59));
        service.failLast();
        assertThat(second).isCompletedExceptionally();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void trialDecidedByHandIgnoresTheTrialsOwnOutcome() {
        CircuitBreaker breaker = breaker(1);
        failOnce(breaker);
        time.timePasses(RESET);
        CompletableFuture<String> trial = call(breaker);
        breaker.succeed();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        service.failLast();
        assertThat(trial).isCompletedExceptionally();
        assertThat(breaker.state()).as("the trial's late failure belongs to the half-open period")
                .isEqualTo(State.CLOSED);
        assertThat(breaker.failureCount()).isZero();
    }

    // ---- manual outcomes -------------------------------------------------------------------------------------

    @Test
    void manualOutcomesCountInTheCurrentState() {
        CircuitBreaker breaker = breaker(2);
        breaker.fail();
        assertThat(breaker.failureCount()).isEqualTo(1);
        breaker.succeed();
        assertThat(breaker.failureCount()).isZero();
        breaker.fail();
        breaker.fail();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        time.timePasses(RESET);
        breaker.fail();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        time.timePasses(RESET);
        breaker.succeed();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(events).containsExactly(new Event.Opened(2, RESET), new Event.HalfOpened(),
                new Event.Opened(1, RESET), new Event.HalfOpened(), new Event.Closed());
    }

    // ---- synchronous calls -----------------------------------------------------------------------------------

    @Test
    void synchronousCallReturnsThrowsAndCountsAfterTheFact() throws Exception {
        CircuitBreaker breaker = breaker(3);
        assertThat(breaker.callSync(() -> "value")).isEqualTo("value");

        IllegalStateException down = new IllegalStateException("down");
        assertThatThrownBy(() -> breaker.callSync(() -> {
            throw down;
        })).isSameAs(down);
        assertThat(breaker.failureCount()).isEqualTo(1);

        assertThatThrownBy(() -> breaker.callSync(() -> {
            time.timePasses(CALL_TIMEOUT.plusMillis(1));
            return "too slow";
        })).isInstanceOf(TimeoutException.class);
        assertThat(breaker.failureCount()).isEqualTo(2);
        assertThat(events).containsExactly(new Event.CallSucceeded(Duration.ZERO),
                new Event.CallFailed(Duration.ZERO, down), new Event.CallTimedOut(CALL_TIMEOUT.plusMillis(1)));
    }

    @Test
    void synchronousCallIsRefusedWhileOpenWithoutRunningAndCanBeTheTrial() throws Exception {
        CircuitBreaker breaker = breaker(1);
        breaker.fail();
        List<String> ran = new ArrayList<>();
        assertThatThrownBy(() -> breaker.callSync(() -> ran.add("while open")))
                .isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(ran).isEmpty();

        time.timePasses(RESET);
        assertThat(breaker.callSync(() -> ran.add("trial"))).isTrue();
        assertThat(ran).containsExactly("trial");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(events).containsExactly(new Event.Opened(1, RESET), new Event.CallRejected(RESET),
                new Event.HalfOpened(), new Event.CallSucceeded(Duration.ZERO), new Event.Closed());
    }

    // ---- events ----------------------------------------------------------------------------------------------

    @Test
    void listenersHearAFullCycleInOrder() {
        CircuitBreaker breaker = breaker(1);
        failOnce(breaker);
        time.timePasses(Duration.ofSeconds(3));
        call(breaker);
        time.timePasses(Duration.ofSeconds(7));
        CompletableFuture<String> trial = call(breaker);
        time.timePasses(Duration.ofMillis(250));
        service.replyLast("ok");

        assertThat(trial).isCompletedWithValue("ok");
        assertThat(events).containsExactly(
                new Event.CallFailed(Duration.ZERO, service.pending.getFirst().exceptionNow()),
                new Event.Opened(1, RESET),
                new Event.CallRejected(Duration.ofSeconds(7)),
                new Event.HalfOpened(),
                new Event.CallSucceeded(Duration.ofMillis(250)),
                new Event.Closed());
    }

    @Test
    void listenerCanTellEveryEventApart() {
        CircuitBreaker breaker = breaker(1);
        Map<String, Integer> counters = new java.util.concurrent.ConcurrentHashMap<>();
        // tag::listen[]
        Cancellable registration = breaker.listen(event -> {
            String counter = switch (event) {
                case Event.Opened(int failures, Duration resetTimeout) -> "breaker.opened";
                case Event.HalfOpened() -> "breaker.half-opened";
                case Event.Closed() -> "breaker.closed";
                case Event.CallSucceeded(Duration elapsed) -> "call.succeeded";
                case Event.CallFailed(Duration elapsed, Throwable cause) -> "call.failed";
                case Event.CallTimedOut(Duration elapsed) -> "call.timed-out";
                case Event.CallRejected(Duration remaining) -> "call.rejected";
            };
            counters.merge(counter, 1, Integer::sum);   // listeners run on many threads: keep them thread-safe
        });
        // end::listen[]
        failOnce(breaker);
        call(breaker);
        time.timePasses(RESET);
        CompletableFuture<String> trial = call(breaker);
        time.timePasses(CALL_TIMEOUT);
        assertThat(trial).isCompletedExceptionally();
        time.timePasses(RESET);
        succeedOnce(breaker);
        registration.cancel();
        failOnce(breaker);

        assertThat(counters).containsOnly(Map.entry("call.failed", 1), Map.entry("breaker.opened", 2),
                Map.entry("call.rejected", 1), Map.entry("breaker.half-opened", 2),
                Map.entry("call.timed-out", 1), Map.entry("call.succeeded", 1), Map.entry("breaker.closed", 1));
    }

    @Test
    void stateAndEventsAreUpdatedBeforeTheReturnedStageCompletes() {
        CircuitBreaker breaker = breaker(1);
        List<Object> seenOnCompletion = new ArrayList<>();
        CompletionStage<String> result = breaker.call(service::request);
        result.whenComplete((v, e) -> seenOnCompletion.addAll(List.of(breaker.state(), List.copyOf(events))));
        service.failLast();
        assertThat(seenOnCompletion).containsExactly(State.OPEN,
                List.of(new Event.CallFailed(Duration.ZERO, service.pending.getLast().exceptionNow()),
                        new Event.Opened(1, RESET)));
    }

    @Test
    void completingTheReturnedStageByHandDoesNotAffectTheBreaker() {
        CircuitBreaker breaker = breaker(1);
        CompletableFuture<String> copy = call(breaker);
        copy.complete("forged");
        service.failLast();
        assertThat(breaker.state()).as("the service's failure still counts").isEqualTo(State.OPEN);
    }

    @Test
    void cancelledListenerHearsNothing() {
        CircuitBreaker breaker = breaker(1);
        List<Event> heard = new ArrayList<>();
        Cancellable registration = breaker.listen(heard::add);
        assertThat(registration.cancel()).isTrue();
        assertThat(registration.cancel()).isFalse();
        assertThat(registration.isCancelled()).isTrue();
        failOnce(breaker);
        assertThat(heard).isEmpty();
        assertThat(events).isNotEmpty();
    }

    @Test
    void throwingListenerIsLoggedOnceAndBreaksNothing() {
        CircuitBreaker breaker = CircuitBreaker.create(time, CircuitBreakerSettings.of(1, CALL_TIMEOUT, RESET));
        breaker.listen(e -> {
            throw new IllegalStateException("listener bug");
        });
        breaker.listen(events::add);
        List<CompletableFuture<String>> results = new ArrayList<>();
        LogCapture.warn().withMessageContaining("Circuit breaker listener").withThrowable(IllegalStateException.class)
                .expect(() -> {
                    results.add(call(breaker));
                    service.failLast();
                    results.add(call(breaker));
                    time.timePasses(RESET);
                });
        assertThat(failureOf(results.get(0))).hasMessage("service down");
        assertThat(failureOf(results.get(1))).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(events).hasSize(4).last().isEqualTo(new Event.HalfOpened());
    }

    // ---- bad input -------------------------------------------------------------------------------------------

    @Test
    void valuesOutOfRangeAreRejectedWithTheirBounds() {
        Duration s = Duration.ofSeconds(1);
        CircuitBreakerSettings ok = CircuitBreakerSettings.of(1, s, s);
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("maxFailures must be at least 1, was 0", () -> ok.withMaxFailures(0));
        calls.put("callTimeout must be positive, was PT0S", () -> ok.withCallTimeout(Duration.ZERO));
        calls.put("resetTimeout must be positive, was PT-1S", () -> ok.withResetTimeout(s.negated()));
        calls.put("resetTimeout must be at most 36500 days", () -> ok.withResetTimeout(Duration.ofDays(40_000)));
        calls.put("backoffFactor must be a finite number of at least 1.0, was 0.5",
                () -> ok.withExponentialBackoff(0.5, s));
        calls.put("backoffFactor must be a finite number of at least 1.0, was NaN",
                () -> ok.withExponentialBackoff(Double.NaN, s));
        calls.put("backoffFactor must be a finite number of at least 1.0, was Infinity",
                () -> ok.withExponentialBackoff(Double.POSITIVE_INFINITY, s));
        calls.put("maxResetTimeout must be at least resetTimeout (PT1S), was PT0.5S",
                () -> ok.withExponentialBackoff(2, Duration.ofMillis(500)));
        calls.put("randomFactor must be between 0.0 and 1.0, was 1.5", () -> ok.withRandomFactor(1.5));
        calls.put("randomFactor must be between 0.0 and 1.0, was -0.1", () -> ok.withRandomFactor(-0.1));
        calls.put("remaining must be zero or positive, was PT-1S",
                () -> new CircuitBreakerOpenException(s.negated()));
        calls.forEach((message, call) -> assertThat(catchThrowable(call)).as(message)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message));
    }

    @Test
    void nullArgumentsThrowAtTheCallSiteNamingTheArgument() {
        Duration s = Duration.ofSeconds(1);
        CircuitBreakerSettings ok = CircuitBreakerSettings.of(1, s, s);
        CircuitBreaker breaker = breaker(1);
        List<Map.Entry<String, ThrowingCallable>> calls = List.of(
                Map.entry("callTimeout", () -> CircuitBreakerSettings.of(1, null, s)),
                Map.entry("resetTimeout", () -> ok.withResetTimeout(null)),
                Map.entry("maxResetTimeout", () -> ok.withExponentialBackoff(2, null)),
                Map.entry("scheduler", () -> CircuitBreaker.create((dev.troupe.actor.Scheduler) null, ok)),
                Map.entry("system", () -> CircuitBreaker.create((dev.troupe.actor.ActorSystem<?>) null, ok)),
                Map.entry("settings", () -> CircuitBreaker.create(time, null)),
                Map.entry("body", () -> breaker.call(null)),
                Map.entry("isFailure", () -> breaker.call(service::request, null)),
                Map.entry("body", () -> breaker.callSync(null)),
                Map.entry("listener", () -> breaker.listen(null)),
                Map.entry("remaining", () -> new CircuitBreakerOpenException(null)),
                Map.entry("elapsed", () -> new Event.CallFailed(null, new RuntimeException())),
                Map.entry("resetTimeout", () -> new Event.Opened(1, null)));
        for (Map.Entry<String, ThrowingCallable> call : calls) {
            assertThat(catchThrowable(call.getValue())).as(call.getKey())
                    .isInstanceOf(NullPointerException.class).hasMessage(call.getKey());
        }
        assertThat(service.calls).isZero();
        assertThat(events).isEmpty();
    }
}
