package dev.troupe.bench.troupe;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.bench.Params;
import dev.troupe.bench.Result;
import dev.troupe.bench.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The Savina workloads written with Troupe. Each method returns the behavior of a driver actor that sets the
 * workload up when it starts, completes {@code done} with its {@link Result} when the work is finished, and
 * stops (which stops its children). The Pekko versions in {@code dev.troupe.bench.pekko.PekkoWorkloads} have
 * the same structure and the same messages, written the Pekko way.
 */
public final class TroupeWorkloads {
    private TroupeWorkloads() {}

    // ---------------------------------------------------------------------------------------------- ping-pong

    sealed interface PingMsg {}
    record Ping(long seq, ActorRef<PingMsg> replyTo) implements PingMsg {}
    record Pong(long seq) implements PingMsg {}

    /** The pong side: answers every ping. Shared and stateless. */
    static final Behavior<PingMsg> PONG = Behaviors.receiveMessage(m -> {
        if (m instanceof Ping(long seq, ActorRef<PingMsg> replyTo)) {
            replyTo.tell(new Pong(seq));
            return Behaviors.same();
        }
        throw Work.broken("pong got " + m);
    });

    /** One pinger: sends ping 1..n one at a time, checks each pong; reports (messages, sum of seqs). */
    static final class Pinger extends AbstractBehavior<PingMsg> {
        private final ActorRef<PingMsg> pong;
        private final long n;
        private final ActorRef<Result> report;
        private long seq;
        private long sum;

        Pinger(ActorContext<PingMsg> ctx, long n, ActorRef<Result> report) {
            super(ctx);
            this.n = n;
            this.report = report;
            this.pong = ctx.spawnAnonymous(PONG);
            seq = 1;
            pong.tell(new Ping(seq, ctx.self()));
        }

        @Override
        public Behavior<PingMsg> onMessage(PingMsg m) {
            if (!(m instanceof Pong(long got)) || got != seq) {
                throw Work.broken("pinger expected pong " + seq + ", got " + m);
            }
            sum += got;
            if (seq == n) {
                report.tell(new Result(2 * n, sum));
                return Behaviors.stopped();
            }
            seq++;
            pong.tell(new Ping(seq, getContext().self()));
            return this;
        }
    }

    /** {@code pairs} independent ping-pong pairs of {@code n} round trips each. */
    public static Behavior<?> pingPong(int pairs, long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            for (int i = 0; i < pairs; i++) {
                ActorRef<Result> report = ctx.self();
                ctx.spawnAnonymous(Behaviors.<PingMsg>setup(c -> new Pinger(c, n, report)));
            }
            return new Summer(ctx, pairs, done);
        });
    }

    /** Adds up {@code expected} partial results, then completes {@code done} and stops. */
    static final class Summer extends AbstractBehavior<Result> {
        private final CompletableFuture<Result> done;
        private int left;
        private long count;
        private long checksum;

        Summer(ActorContext<Result> ctx, int expected, CompletableFuture<Result> done) {
            super(ctx);
            this.left = expected;
            this.done = done;
        }

        @Override
        public Behavior<Result> onMessage(Result r) {
            count += r.count();
            checksum += r.checksum();
            if (--left == 0) {
                done.complete(new Result(count, checksum));
                return Behaviors.stopped();
            }
            return this;
        }
    }

    // ----------------------------------------------------------------------------------------------- counting

    sealed interface CounterMsg {}
    record Increment(long value) implements CounterMsg {}
    record Retrieve(ActorRef<Result> replyTo) implements CounterMsg {}

    static final class Counter extends AbstractBehavior<CounterMsg> {
        private long count;
        private long sum;

        Counter(ActorContext<CounterMsg> ctx) {
            super(ctx);
        }

        @Override
        public Behavior<CounterMsg> onMessage(CounterMsg m) {
            switch (m) {
                case Increment(long value) -> {
                    count++;
                    sum += value;
                }
                case Retrieve(ActorRef<Result> replyTo) -> replyTo.tell(new Result(count, sum));
            }
            return this;
        }
    }

    /** A producer sends 1..n to a counter, then asks for the total. */
    public static Behavior<?> counting(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            ActorRef<CounterMsg> counter = ctx.spawnAnonymous(Behaviors.setup(Counter::new));
            for (long i = 1; i <= n; i++) {
                counter.tell(new Increment(i));
            }
            counter.tell(new Retrieve(ctx.self()));
            return new Summer(ctx, 1, done);
        });
    }

    // ------------------------------------------------------------------------------------ fork-join throughput

    record Job(long seq) {}

    static final class FjWorker extends AbstractBehavior<Job> {
        private final long n;
        private final ActorRef<Result> report;
        private long received;
        private long sum;
        private double sink;

        FjWorker(ActorContext<Job> ctx, long n, ActorRef<Result> report) {
            super(ctx);
            this.n = n;
            this.report = report;
        }

        @Override
        public Behavior<Job> onMessage(Job job) {
            sink += Work.compute(37.2);
            received++;
            sum += job.seq();
            if (received == n) {
                if (sink <= 0) {
                    throw Work.broken("computation");
                }
                report.tell(new Result(received, sum));
                return Behaviors.stopped();
            }
            return this;
        }
    }

    /** n messages to each of the fork-join actors, sent round-robin; each does a little computation per message. */
    public static Behavior<?> forkJoinThroughput(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            int actors = Params.FJ_THROUGHPUT_ACTORS;
            List<ActorRef<Job>> workers = new ArrayList<>(actors);
            ActorRef<Result> report = ctx.self();
            for (int i = 0; i < actors; i++) {
                workers.add(ctx.spawnAnonymous(Behaviors.<Job>setup(c -> new FjWorker(c, n, report))));
            }
            for (long seq = 1; seq <= n; seq++) {
                Job job = new Job(seq);
                for (ActorRef<Job> w : workers) {
                    w.tell(job);
                }
            }
            return new Summer(ctx, actors, done);
        });
    }

    // ------------------------------------------------------------------------------------ fork-join creation

    record Go(ActorRef<Result> replyTo) {}

    /** Each created actor: on its one message, computes, replies with its id and stops. */
    static Behavior<Go> fjChild(long id) {
        return Behaviors.receiveMessage(go -> {
            double r = Work.compute(37.2);
            go.replyTo().tell(new Result(1, r > 0 ? id : -1));
            return Behaviors.stopped();
        });
    }

    /** Creates n actors, sends each one message; each computes, replies and stops. */
    public static Behavior<?> forkJoinCreation(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            for (long id = 1; id <= n; id++) {
                ctx.spawnAnonymous(fjChild(id)).tell(new Go(ctx.self()));
            }
            return new Summer(ctx, Math.toIntExact(n), done);
        });
    }

    // ------------------------------------------------------------------------------------------- spawn rate

    record Hello(long id, ActorRef<Result> replyTo) {}

    /** The idle child of the spawn benchmark: one shared, stateless behavior. */
    static final Behavior<Hello> GREETER = Behaviors.receiveMessage(h -> {
        h.replyTo().tell(new Result(1, h.id()));
        return Behaviors.same();
    });

    /** One parent spawns n children and receives one reply from each; the children stay alive. */
    public static Behavior<?> spawn(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            for (long id = 1; id <= n; id++) {
                ctx.spawnAnonymous(GREETER).tell(new Hello(id, ctx.self()));
            }
            return new Summer(ctx, Math.toIntExact(n), done);
        });
    }

    // ------------------------------------------------------------------------------------------ thread ring

    sealed interface RingMsg {}
    record Next(ActorRef<RingMsg> next) implements RingMsg {}
    record Token(long remaining, long sum) implements RingMsg {}

    static final class RingNode extends AbstractBehavior<RingMsg> {
        private final int index;
        private final ActorRef<Result> report;
        private final long hops;
        private ActorRef<RingMsg> next;

        RingNode(ActorContext<RingMsg> ctx, int index, long hops, ActorRef<Result> report) {
            super(ctx);
            this.index = index;
            this.hops = hops;
            this.report = report;
        }

        @Override
        public Behavior<RingMsg> onMessage(RingMsg m) {
            switch (m) {
                case Next(ActorRef<RingMsg> n) -> next = n;
                case Token(long remaining, long sum) -> {
                    if (remaining == 0) {
                        report.tell(new Result(hops, sum));
                    } else {
                        next.tell(new Token(remaining - 1, sum + index));
                    }
                }
            }
            return this;
        }
    }

    /** A token goes round a ring of actors {@code hops} times. */
    public static Behavior<?> threadRing(long hops, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            int r = Params.RING_ACTORS;
            List<ActorRef<RingMsg>> ring = new ArrayList<>(r);
            ActorRef<Result> report = ctx.self();
            for (int i = 0; i < r; i++) {
                int index = i;
                ring.add(ctx.spawnAnonymous(Behaviors.<RingMsg>setup(c -> new RingNode(c, index, hops, report))));
            }
            for (int i = 0; i < r; i++) {
                ring.get(i).tell(new Next(ring.get((i + 1) % r)));
            }
            ring.get(0).tell(new Token(hops, 0)); // after Next: one sender, so per-pair order holds
            return new Summer(ctx, 1, done);
        });
    }

    // ------------------------------------------------------------------------------------------- chameneos

    enum Colour {
        BLUE, RED, YELLOW;

        Colour complement(Colour other) {
            if (this == other) {
                return this;
            }
            return values()[3 - ordinal() - other.ordinal()];
        }
    }

    sealed interface MallMsg {}
    record Meet(Colour colour, ActorRef<ChameneoMsg> chameneo) implements MallMsg {}
    record Meetings(long count) implements MallMsg {}

    sealed interface ChameneoMsg {}
    record MeetWith(Colour colour, ActorRef<ChameneoMsg> other) implements ChameneoMsg {}
    record Change(Colour colour) implements ChameneoMsg {}
    record Exit() implements ChameneoMsg {}

    static final class Mall extends AbstractBehavior<MallMsg> {
        private final long meetings;
        private final int chameneos;
        private final CompletableFuture<Result> done;
        private long left;
        private Meet waiting;
        private int reported;
        private long reportedMeetings;

        Mall(ActorContext<MallMsg> ctx, long meetings, int chameneos, CompletableFuture<Result> done) {
            super(ctx);
            this.meetings = meetings;
            this.left = meetings;
            this.chameneos = chameneos;
            this.done = done;
            for (int i = 0; i < chameneos; i++) {
                Colour c = Colour.values()[i % 3];
                ActorRef<MallMsg> mall = ctx.self();
                ctx.spawnAnonymous(Behaviors.<ChameneoMsg>setup(cc -> new Chameneo(cc, mall, c)));
            }
        }

        @Override
        public Behavior<MallMsg> onMessage(MallMsg m) {
            switch (m) {
                case Meet meet -> {
                    if (left == 0) {
                        meet.chameneo().tell(new Exit());
                    } else if (waiting == null) {
                        waiting = meet;
                    } else {
                        left--;
                        waiting.chameneo().tell(new MeetWith(meet.colour(), meet.chameneo()));
                        waiting = null;
                    }
                }
                case Meetings(long count) -> {
                    reported++;
                    reportedMeetings += count;
                    if (reported == chameneos) {
                        done.complete(new Result(meetings, reportedMeetings));
                        return Behaviors.stopped();
                    }
                }
            }
            return this;
        }
    }

    static final class Chameneo extends AbstractBehavior<ChameneoMsg> {
        private final ActorRef<MallMsg> mall;
        private Colour colour;
        private long meetings;

        Chameneo(ActorContext<ChameneoMsg> ctx, ActorRef<MallMsg> mall, Colour colour) {
            super(ctx);
            this.mall = mall;
            this.colour = colour;
            mall.tell(new Meet(colour, ctx.self()));
        }

        @Override
        public Behavior<ChameneoMsg> onMessage(ChameneoMsg m) {
            switch (m) {
                case MeetWith(Colour other, ActorRef<ChameneoMsg> partner) -> {
                    colour = colour.complement(other);
                    meetings++;
                    partner.tell(new Change(colour));
                    mall.tell(new Meet(colour, getContext().self()));
                }
                case Change(Colour c) -> {
                    colour = c;
                    meetings++;
                    mall.tell(new Meet(colour, getContext().self()));
                }
                case Exit() -> {
                    mall.tell(new Meetings(meetings));
                    return Behaviors.stopped();
                }
            }
            return this;
        }
    }

    /** Chameneos meet pairwise in a mall until {@code meetings} meetings have happened. */
    public static Behavior<?> chameneos(long meetings, CompletableFuture<Result> done) {
        return Behaviors.<MallMsg>setup(ctx -> new Mall(ctx, meetings, Params.CHAMENEOS, done));
    }

    // ------------------------------------------------------------------------------------------------- big

    sealed interface BigMsg {}
    record Neighbours(List<ActorRef<BigMsg>> all) implements BigMsg {}
    record BigPing(ActorRef<BigMsg> replyTo) implements BigMsg {}
    record BigPong() implements BigMsg {}

    static final class BigWorker extends AbstractBehavior<BigMsg> {
        private final long pings;
        private final ActorRef<Result> report;
        private final SplittableRandom random;
        private List<ActorRef<BigMsg>> all;
        private long pongs;

        BigWorker(ActorContext<BigMsg> ctx, int index, long pings, ActorRef<Result> report) {
            super(ctx);
            this.pings = pings;
            this.report = report;
            this.random = new SplittableRandom(Params.BIG_SEED + index);
        }

        @Override
        public Behavior<BigMsg> onMessage(BigMsg m) {
            switch (m) {
                case Neighbours(List<ActorRef<BigMsg>> neighbours) -> {
                    all = neighbours;
                    sendPing();
                }
                case BigPing(ActorRef<BigMsg> replyTo) -> replyTo.tell(new BigPong());
                case BigPong() -> {
                    pongs++;
                    if (pongs == pings) {
                        report.tell(new Result(pongs, pongs));
                    } else if (pongs < pings) {
                        sendPing();
                    } else {
                        throw Work.broken("big worker got more pongs than pings");
                    }
                }
            }
            return this;
        }

        private void sendPing() {
            all.get(random.nextInt(all.size())).tell(new BigPing(getContext().self()));
        }
    }

    /** Each worker pings random workers (itself included) one at a time, {@code pings} times. */
    public static Behavior<?> big(long pings, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            int w = Params.BIG_WORKERS;
            List<ActorRef<BigMsg>> workers = new ArrayList<>(w);
            ActorRef<Result> report = ctx.self();
            for (int i = 0; i < w; i++) {
                int index = i;
                workers.add(ctx.spawnAnonymous(Behaviors.<BigMsg>setup(c -> new BigWorker(c, index, pings, report))));
            }
            List<ActorRef<BigMsg>> all = List.copyOf(workers);
            for (ActorRef<BigMsg> worker : workers) {
                worker.tell(new Neighbours(all));
            }
            return new Summer(ctx, w, done);
        });
    }

    // ------------------------------------------------------------------------------------ dining philosophers

    sealed interface ArbiterMsg {}
    record Hungry(int philosopher, ActorRef<PhilosopherMsg> replyTo) implements ArbiterMsg {}
    record DoneEating(int philosopher) implements ArbiterMsg {}
    record Finished(long meals) implements ArbiterMsg {}

    sealed interface PhilosopherMsg {}
    record Eat() implements PhilosopherMsg {}
    record Denied() implements PhilosopherMsg {}

    static final class Arbiter extends AbstractBehavior<ArbiterMsg> {
        private final boolean[] forkTaken;
        private final CompletableFuture<Result> done;
        private final int philosophers;
        private long granted;
        private int finished;
        private long reportedMeals;

        Arbiter(ActorContext<ArbiterMsg> ctx, int philosophers, long meals, CompletableFuture<Result> done) {
            super(ctx);
            this.philosophers = philosophers;
            this.forkTaken = new boolean[philosophers];
            this.done = done;
            ActorRef<ArbiterMsg> self = ctx.self();
            for (int i = 0; i < philosophers; i++) {
                int index = i;
                ctx.spawnAnonymous(Behaviors.<PhilosopherMsg>setup(c -> new Philosopher(c, index, meals, self)));
            }
        }

        @Override
        public Behavior<ArbiterMsg> onMessage(ArbiterMsg m) {
            switch (m) {
                case Hungry(int p, ActorRef<PhilosopherMsg> replyTo) -> {
                    int left = p;
                    int right = (p + 1) % philosophers;
                    if (forkTaken[left] || forkTaken[right]) {
                        replyTo.tell(new Denied());
                    } else {
                        forkTaken[left] = true;
                        forkTaken[right] = true;
                        granted++;
                        replyTo.tell(new Eat());
                    }
                }
                case DoneEating(int p) -> {
                    int right = (p + 1) % philosophers;
                    if (!forkTaken[p] || !forkTaken[right]) {
                        throw Work.broken("philosopher " + p + " released a fork it did not hold");
                    }
                    forkTaken[p] = false;
                    forkTaken[right] = false;
                }
                case Finished(long meals) -> {
                    finished++;
                    reportedMeals += meals;
                    if (finished == philosophers) {
                        done.complete(new Result(granted, reportedMeals));
                        return Behaviors.stopped();
                    }
                }
            }
            return this;
        }
    }

    static final class Philosopher extends AbstractBehavior<PhilosopherMsg> {
        private final int index;
        private final long meals;
        private final ActorRef<ArbiterMsg> arbiter;
        private long eaten;

        Philosopher(ActorContext<PhilosopherMsg> ctx, int index, long meals, ActorRef<ArbiterMsg> arbiter) {
            super(ctx);
            this.index = index;
            this.meals = meals;
            this.arbiter = arbiter;
            arbiter.tell(new Hungry(index, ctx.self()));
        }

        @Override
        public Behavior<PhilosopherMsg> onMessage(PhilosopherMsg m) {
            switch (m) {
                case Denied() -> arbiter.tell(new Hungry(index, getContext().self()));
                case Eat() -> {
                    eaten++;
                    arbiter.tell(new DoneEating(index));
                    if (eaten == meals) {
                        arbiter.tell(new Finished(eaten));
                        return Behaviors.stopped();
                    }
                    arbiter.tell(new Hungry(index, getContext().self()));
                }
            }
            return this;
        }
    }

    /** Philosophers ask an arbiter for both forks, eat {@code meals} times each, retrying when denied. */
    public static Behavior<?> diningPhilosophers(long meals, CompletableFuture<Result> done) {
        return Behaviors.<ArbiterMsg>setup(ctx -> new Arbiter(ctx, Params.PHILOSOPHERS, meals, done));
    }
}
