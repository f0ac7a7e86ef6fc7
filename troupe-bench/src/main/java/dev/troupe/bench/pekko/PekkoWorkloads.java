package dev.troupe.bench.pekko;

import dev.troupe.bench.Params;
import dev.troupe.bench.Result;
import dev.troupe.bench.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The Savina workloads written with Pekko typed (Java DSL): the same actors, messages and checks as
 * {@code dev.troupe.bench.troupe.TroupeWorkloads}, in Pekko's idiom ({@link AbstractBehavior} with a receive
 * builder, {@link Behaviors#setup}).
 */
public final class PekkoWorkloads {
    private PekkoWorkloads() {}

    // ---------------------------------------------------------------------------------------------- ping-pong

    interface PingMsg {}
    record Ping(long seq, ActorRef<PingMsg> replyTo) implements PingMsg {}
    record Pong(long seq) implements PingMsg {}

    static final Behavior<PingMsg> PONG = Behaviors.receive(PingMsg.class)
            .onMessage(Ping.class, p -> {
                p.replyTo().tell(new Pong(p.seq()));
                return Behaviors.same();
            })
            .build();

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
            pong.tell(new Ping(seq, ctx.getSelf()));
        }

        @Override
        public Receive<PingMsg> createReceive() {
            return newReceiveBuilder().onMessage(Pong.class, this::onPong).build();
        }

        private Behavior<PingMsg> onPong(Pong p) {
            if (p.seq() != seq) {
                throw Work.broken("pinger expected pong " + seq + ", got " + p);
            }
            sum += p.seq();
            if (seq == n) {
                report.tell(new Result(2 * n, sum));
                return Behaviors.stopped();
            }
            seq++;
            pong.tell(new Ping(seq, getContext().getSelf()));
            return this;
        }
    }

    public static Behavior<?> pingPong(int pairs, long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            for (int i = 0; i < pairs; i++) {
                ActorRef<Result> report = ctx.getSelf();
                ctx.spawnAnonymous(Behaviors.<PingMsg>setup(c -> new Pinger(c, n, report)));
            }
            return new Summer(ctx, pairs, done);
        });
    }

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
        public Receive<Result> createReceive() {
            return newReceiveBuilder().onMessage(Result.class, this::onResult).build();
        }

        private Behavior<Result> onResult(Result r) {
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

    interface CounterMsg {}
    record Increment(long value) implements CounterMsg {}
    record Retrieve(ActorRef<Result> replyTo) implements CounterMsg {}

    static final class Counter extends AbstractBehavior<CounterMsg> {
        private long count;
        private long sum;

        Counter(ActorContext<CounterMsg> ctx) {
            super(ctx);
        }

        @Override
        public Receive<CounterMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Increment.class, i -> {
                        count++;
                        sum += i.value();
                        return this;
                    })
                    .onMessage(Retrieve.class, r -> {
                        r.replyTo().tell(new Result(count, sum));
                        return this;
                    })
                    .build();
        }
    }

    public static Behavior<?> counting(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            ActorRef<CounterMsg> counter = ctx.spawnAnonymous(Behaviors.setup(Counter::new));
            for (long i = 1; i <= n; i++) {
                counter.tell(new Increment(i));
            }
            counter.tell(new Retrieve(ctx.getSelf()));
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
        public Receive<Job> createReceive() {
            return newReceiveBuilder().onMessage(Job.class, this::onJob).build();
        }

        private Behavior<Job> onJob(Job job) {
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

    public static Behavior<?> forkJoinThroughput(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            int actors = Params.FJ_THROUGHPUT_ACTORS;
            List<ActorRef<Job>> workers = new ArrayList<>(actors);
            ActorRef<Result> report = ctx.getSelf();
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

    static Behavior<Go> fjChild(long id) {
        return Behaviors.receiveMessage(go -> {
            double r = Work.compute(37.2);
            go.replyTo().tell(new Result(1, r > 0 ? id : -1));
            return Behaviors.stopped();
        });
    }

    public static Behavior<?> forkJoinCreation(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            for (long id = 1; id <= n; id++) {
                ctx.spawnAnonymous(fjChild(id)).tell(new Go(ctx.getSelf()));
            }
            return new Summer(ctx, Math.toIntExact(n), done);
        });
    }

    // ------------------------------------------------------------------------------------------- spawn rate

    record Hello(long id, ActorRef<Result> replyTo) {}

    static final Behavior<Hello> GREETER = Behaviors.receiveMessage(h -> {
        h.replyTo().tell(new Result(1, h.id()));
        return Behaviors.same();
    });

    public static Behavior<?> spawn(long n, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            for (long id = 1; id <= n; id++) {
                ctx.spawnAnonymous(GREETER).tell(new Hello(id, ctx.getSelf()));
            }
            return new Summer(ctx, Math.toIntExact(n), done);
        });
    }

    // ------------------------------------------------------------------------------------------ thread ring

    interface RingMsg {}
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
        public Receive<RingMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Next.class, n -> {
                        next = n.next();
                        return this;
                    })
                    .onMessage(Token.class, this::onToken)
                    .build();
        }

        private Behavior<RingMsg> onToken(Token t) {
            if (t.remaining() == 0) {
                report.tell(new Result(hops, t.sum()));
            } else {
                next.tell(new Token(t.remaining() - 1, t.sum() + index));
            }
            return this;
        }
    }

    public static Behavior<?> threadRing(long hops, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            int r = Params.RING_ACTORS;
            List<ActorRef<RingMsg>> ring = new ArrayList<>(r);
            ActorRef<Result> report = ctx.getSelf();
            for (int i = 0; i < r; i++) {
                int index = i;
                ring.add(ctx.spawnAnonymous(Behaviors.<RingMsg>setup(c -> new RingNode(c, index, hops, report))));
            }
            for (int i = 0; i < r; i++) {
                ring.get(i).tell(new Next(ring.get((i + 1) % r)));
            }
            ring.get(0).tell(new Token(hops, 0));
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

    interface MallMsg {}
    record Meet(Colour colour, ActorRef<ChameneoMsg> chameneo) implements MallMsg {}
    record Meetings(long count) implements MallMsg {}

    interface ChameneoMsg {}
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
                ActorRef<MallMsg> mall = ctx.getSelf();
                ctx.spawnAnonymous(Behaviors.<ChameneoMsg>setup(cc -> new Chameneo(cc, mall, c)));
            }
        }

        @Override
        public Receive<MallMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Meet.class, this::onMeet)
                    .onMessage(Meetings.class, this::onMeetings)
                    .build();
        }

        private Behavior<MallMsg> onMeet(Meet meet) {
            if (left == 0) {
                meet.chameneo().tell(new Exit());
            } else if (waiting == null) {
                waiting = meet;
            } else {
                left--;
                waiting.chameneo().tell(new MeetWith(meet.colour(), meet.chameneo()));
                waiting = null;
            }
            return this;
        }

        private Behavior<MallMsg> onMeetings(Meetings m) {
            reported++;
            reportedMeetings += m.count();
            if (reported == chameneos) {
                done.complete(new Result(meetings, reportedMeetings));
                return Behaviors.stopped();
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
            mall.tell(new Meet(colour, ctx.getSelf()));
        }

        @Override
        public Receive<ChameneoMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(MeetWith.class, m -> {
                        colour = colour.complement(m.colour());
                        meetings++;
                        m.other().tell(new Change(colour));
                        mall.tell(new Meet(colour, getContext().getSelf()));
                        return this;
                    })
                    .onMessage(Change.class, c -> {
                        colour = c.colour();
                        meetings++;
                        mall.tell(new Meet(colour, getContext().getSelf()));
                        return this;
                    })
                    .onMessage(Exit.class, e -> {
                        mall.tell(new Meetings(meetings));
                        return Behaviors.stopped();
                    })
                    .build();
        }
    }

    public static Behavior<?> chameneos(long meetings, CompletableFuture<Result> done) {
        return Behaviors.<MallMsg>setup(ctx -> new Mall(ctx, meetings, Params.CHAMENEOS, done));
    }

    // ------------------------------------------------------------------------------------------------- big

    interface BigMsg {}
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
        public Receive<BigMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Neighbours.class, n -> {
                        all = n.all();
                        sendPing();
                        return this;
                    })
                    .onMessage(BigPing.class, p -> {
                        p.replyTo().tell(new BigPong());
                        return this;
                    })
                    .onMessage(BigPong.class, p -> {
                        pongs++;
                        if (pongs == pings) {
                            report.tell(new Result(pongs, pongs));
                        } else if (pongs < pings) {
                            sendPing();
                        } else {
                            throw Work.broken("big worker got more pongs than pings");
                        }
                        return this;
                    })
                    .build();
        }

        private void sendPing() {
            all.get(random.nextInt(all.size())).tell(new BigPing(getContext().getSelf()));
        }
    }

    public static Behavior<?> big(long pings, CompletableFuture<Result> done) {
        return Behaviors.<Result>setup(ctx -> {
            int w = Params.BIG_WORKERS;
            List<ActorRef<BigMsg>> workers = new ArrayList<>(w);
            ActorRef<Result> report = ctx.getSelf();
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

    interface ArbiterMsg {}
    record Hungry(int philosopher, ActorRef<PhilosopherMsg> replyTo) implements ArbiterMsg {}
    record DoneEating(int philosopher) implements ArbiterMsg {}
    record Finished(long meals) implements ArbiterMsg {}

    interface PhilosopherMsg {}
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
            ActorRef<ArbiterMsg> self = ctx.getSelf();
            for (int i = 0; i < philosophers; i++) {
                int index = i;
                ctx.spawnAnonymous(Behaviors.<PhilosopherMsg>setup(c -> new Philosopher(c, index, meals, self)));
            }
        }

        @Override
        public Receive<ArbiterMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Hungry.class, this::onHungry)
                    .onMessage(DoneEating.class, this::onDoneEating)
                    .onMessage(Finished.class, this::onFinished)
                    .build();
        }

        private Behavior<ArbiterMsg> onHungry(Hungry h) {
            int left = h.philosopher();
            int right = (left + 1) % philosophers;
            if (forkTaken[left] || forkTaken[right]) {
                h.replyTo().tell(new Denied());
            } else {
                forkTaken[left] = true;
                forkTaken[right] = true;
                granted++;
                h.replyTo().tell(new Eat());
            }
            return this;
        }

        private Behavior<ArbiterMsg> onDoneEating(DoneEating d) {
            int p = d.philosopher();
            int right = (p + 1) % philosophers;
            if (!forkTaken[p] || !forkTaken[right]) {
                throw Work.broken("philosopher " + p + " released a fork it did not hold");
            }
            forkTaken[p] = false;
            forkTaken[right] = false;
            return this;
        }

        private Behavior<ArbiterMsg> onFinished(Finished f) {
            finished++;
            reportedMeals += f.meals();
            if (finished == philosophers) {
                done.complete(new Result(granted, reportedMeals));
                return Behaviors.stopped();
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
            arbiter.tell(new Hungry(index, ctx.getSelf()));
        }

        @Override
        public Receive<PhilosopherMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Denied.class, d -> {
                        arbiter.tell(new Hungry(index, getContext().getSelf()));
                        return this;
                    })
                    .onMessage(Eat.class, e -> {
                        eaten++;
                        arbiter.tell(new DoneEating(index));
                        if (eaten == meals) {
                            arbiter.tell(new Finished(eaten));
                            return Behaviors.stopped();
                        }
                        arbiter.tell(new Hungry(index, getContext().getSelf()));
                        return this;
                    })
                    .build();
        }
    }

    public static Behavior<?> diningPhilosophers(long meals, CompletableFuture<Result> done) {
        return Behaviors.<ArbiterMsg>setup(ctx -> new Arbiter(ctx, Params.PHILOSOPHERS, meals, done));
    }
}
