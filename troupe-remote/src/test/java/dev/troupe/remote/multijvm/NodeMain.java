package dev.troupe.remote.multijvm;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DeadLetter;
import dev.troupe.actor.Terminated;
import dev.troupe.remote.MessageTypes;
import dev.troupe.remote.RemoteEvent;
import dev.troupe.remote.RemoteNode;
import dev.troupe.remote.RemoteSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One node of the multi-JVM tests, driven through its standard input and reporting on its standard output, one
 * line per fact, so that {@link MultiJvmRemoteTest} can wait for each with a deadline.
 *
 * <p>Arguments: {@code <system name> <port (0: any)> <dev-key directory> <heartbeat ms> <acceptable pause ms>
 * <down-after ms>}. It publishes an echo actor at {@code /user/echo}, prints {@code listening <address>
 * <incarnation>}, then prints {@code event <type> <node>} for every {@link RemoteEvent} and {@code dead-letter
 * <recipient>} for every dead letter, and obeys:
 * <ul>
 *   <li>{@code ping <label> <path> <count>}: sends {@code count} pings to the echo at {@code path}; prints
 *       {@code pongs <label> <count> <in order?> <incarnation of the answering node>} once all answers came.
 *       Remembers the ref of the echo that answered under {@code label}.</li>
 *   <li>{@code ping-learned <label> <count>}: the same to the ref remembered under {@code label} (a ref with its
 *       uid and its node's incarnation, learned from a message).</li>
 *   <li>{@code ask <path>}: one ask; prints {@code answer <incarnation>} or {@code ask-failed <exception>}.</li>
 *   <li>{@code watch <path>}: watches the echo at {@code path}; prints {@code terminated <path>} when it is.</li>
 *   <li>{@code stop-echo}: stops this node's echo actor; prints {@code echo-stopped}.</li>
 * </ul>
 */
public final class NodeMain {
    /** The messages between the nodes' echo and ping actors (the only types on the allow-list). */
    public sealed interface Echo {
        record Ping(long n, ActorRef<Pong> replyTo) implements Echo {}

        record Pong(long n, long incarnation, ActorRef<Echo> echo) implements Echo {}
    }

    static final MessageTypes TYPES = MessageTypes.builder().register(Echo.class, "mjvm").build();

    /** What the main thread asks of the guardian (local only, never on the wire). */
    sealed interface Command {
        record Spawn(Behavior<?> behavior, String name, ActorRef<ActorRef<?>> replyTo) implements Command {}

        record StopEcho() implements Command {}
    }

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        RemoteSettings settings = RemoteSettings.defaults()
                .withBind("127.0.0.1", port)
                .withTls(new RemoteSettings.Tls.Development(Path.of(args[2])))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withFailureDetection(new RemoteSettings.FailureDetection(Duration.ofMillis(Long.parseLong(args[3])),
                        8.0, 200, Duration.ofMillis(100), Duration.ofMillis(Long.parseLong(args[4])),
                        Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(Long.parseLong(args[5]))));
        ActorSystem<Command> system = ActorSystem.create(guardian(), name);
        RemoteNode node = RemoteNode.start(system, settings, TYPES);
        ActorRef<Echo> echo = spawn(system, echo(node.incarnation()), "echo");
        node.publish(echo);
        system.eventStream().subscribe(RemoteEvent.class, spawn(system, printer(), "events"));
        system.eventStream().subscribe(DeadLetter.class, spawn(system, deadLetterPrinter(), "dead-letters"));
        say("listening " + node.address() + " " + node.incarnation());

        ConcurrentHashMap<String, ActorRef<Echo>> learned = new ConcurrentHashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "ping" -> spawn(system, pinger(words[1], node.resolve(words[2]), Long.parseLong(words[3]),
                        learned), "pinger-" + System.nanoTime());
                case "ping-learned" -> spawn(system, pinger(words[1], learned.get(words[1]),
                        Long.parseLong(words[2]), learned), "pinger-" + System.nanoTime());
                case "ask" -> {
                    ActorRef<Echo> target = node.resolve(words[1]);
                    AskPattern.<Echo, Echo.Pong>ask(target, replyTo -> new Echo.Ping(1, replyTo),
                                    Duration.ofSeconds(10), system.scheduler())
                            .whenComplete((pong, failure) -> say(failure == null ? "answer " + pong.incarnation()
                                    : "ask-failed " + (failure instanceof CompletionException wrapped
                                            ? wrapped.getCause() : failure).getClass().getSimpleName()));
                }
                case "watch" -> spawn(system, watcher(node.resolve(words[1]), words[1]), "watcher-" + System.nanoTime());
                case "stop-echo" -> system.tell(new Command.StopEcho());
                default -> say("unknown-command " + line);
            }
        }
        system.terminate();
        system.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Spawns a child of the guardian and waits for its ref. */
    @SuppressWarnings("unchecked")
    private static <T> ActorRef<T> spawn(ActorSystem<Command> system, Behavior<T> behavior, String name)
            throws Exception {
        return (ActorRef<T>) AskPattern.<Command, ActorRef<?>>ask(system,
                replyTo -> new Command.Spawn(behavior, name, replyTo), ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture().get(ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Behavior<Command> guardian() {
        return Behaviors.receive((context, command) -> {
            switch (command) {
                case Command.Spawn(Behavior<?> behavior, String name, ActorRef<ActorRef<?>> replyTo) ->
                        replyTo.tell(context.spawn(behavior, name));
                case Command.StopEcho() -> context.children().stream()
                        .filter(child -> child.path().name().equals("echo"))
                        .forEach(child -> {
                            context.watch(child);
                            context.stop(child);
                        });
            }
            return Behaviors.same();
        }, (context, signal) -> {
            if (signal instanceof Terminated terminated && terminated.ref().path().name().equals("echo")) {
                say("echo-stopped");
            }
            return Behaviors.same();
        });
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static Behavior<Echo> echo(long incarnation) {
        return Behaviors.setup(context -> Behaviors.receiveMessage(message -> {
            if (message instanceof Echo.Ping(long n, ActorRef<Echo.Pong> replyTo)) {
                replyTo.tell(new Echo.Pong(n, incarnation, context.self()));
            }
            return Behaviors.same();
        }));
    }

    /** Sends {@code count} pings at once, checks that the pongs come back in order, reports and stops. */
    private static Behavior<Echo.Pong> pinger(String label, ActorRef<Echo> target, long count,
                                             ConcurrentHashMap<String, ActorRef<Echo>> learned) {
        return Behaviors.setup(context -> {
            for (long n = 1; n <= count; n++) {
                target.tell(new Echo.Ping(n, context.self()));
            }
            long[] next = {1};
            boolean[] inOrder = {true};
            return Behaviors.receiveMessage(pong -> {
                inOrder[0] &= pong.n() == next[0]++;
                if (pong.n() == count) {
                    learned.put(label, pong.echo());
                    say("pongs " + label + " " + (next[0] - 1) + " " + inOrder[0] + " " + pong.incarnation());
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        });
    }

    private static Behavior<Void> watcher(ActorRef<Echo> target, String path) {
        return Behaviors.setup(context -> {
            context.watch(target);
            say("watching " + path);
            return Behaviors.receiveSignal((ctx, signal) -> {
                if (signal instanceof Terminated) {
                    say("terminated " + path);
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        });
    }

    private static Behavior<RemoteEvent> printer() {
        return Behaviors.receiveMessage(event -> {
            say("event " + event.getClass().getSimpleName() + " " + switch (event) {
                case RemoteEvent.Unreachable e -> e.node();
                case RemoteEvent.Reachable e -> e.node();
                case RemoteEvent.Quarantined e -> e.node() + " " + e.incarnation();
                case RemoteEvent.ConnectionFailed e -> e.peer();
                case RemoteEvent.DeliveryFailed e -> e.node() + " " + e.recipient();
            });
            return Behaviors.same();
        });
    }

    private static Behavior<DeadLetter> deadLetterPrinter() {
        return Behaviors.receiveMessage(letter -> {
            say("dead-letter " + letter.recipient().path());
            return Behaviors.same();
        });
    }
}
