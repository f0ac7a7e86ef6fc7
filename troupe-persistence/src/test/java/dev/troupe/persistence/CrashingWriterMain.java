package dev.troupe.persistence;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Terminated;
import dev.troupe.persistence.Shelf.Command;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The process that the crash tests ({@link CrashRounds}) kills. It opens the store named on the command line, runs
 * {@value #ENTITIES} shelves that persist items as fast as they can, and prints {@code ack <entity> <seqNr>
 * <item> .} to standard output once each persist has completed (from the entity's {@code thenReply}), never
 * before. It runs until it is killed. Whatever goes wrong makes it exit non-zero, saying why on standard error.
 *
 * <p>Usage: {@code sqlite <file> <run>} or {@code postgres <jdbc-url> <user> <run>}; {@code run} distinguishes
 * the items of successive runs. It first prints {@code ready}.
 */
final class CrashingWriterMain {
    static final int ENTITIES = 4;
    /** Puts each writer keeps in flight, so that a kill usually finds writes queued and half-done. */
    private static final int WINDOW = 8;
    static final int SNAPSHOT_EVERY = 50;

    private CrashingWriterMain() {}

    static String entityId(int index) {
        return "crash-" + index;
    }

    public static void main(String[] args) {
        PrintStream acks = System.out;
        System.setOut(System.err); // log lines go to standard error; standard output carries only acks
        try {
            JdbcStore store = open(args);
            String run = args[args.length - 1];
            ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
                for (int index = 0; index < ENTITIES; index++) {
                    ActorRef<Command> shelf = context.spawn(Shelf.shelf(entityId(index), store.journal())
                            .withSnapshots(store.snapshotStore(), SNAPSHOT_EVERY).behavior(), entityId(index));
                    context.spawn(writer(entityId(index), run, shelf, acks), "writer-" + index);
                }
                return Behaviors.empty();
            }), "crashing-writer");
            acks.println("ready");
            acks.flush();
            system.whenTerminated().toCompletableFuture().join();
            System.err.println("The actor system terminated unexpectedly");
            System.exit(3);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static JdbcStore open(String[] args) {
        return switch (args.length > 0 ? args[0] : "") {
            case "sqlite" -> SqliteStore.open(SqliteSettings.of(Path.of(args[1]), new TextSerializer()));
            case "postgres" -> PostgresStore.open(PostgresSettings.of(args[1], args[2], "", new TextSerializer())
                    .withSchemaCreation(true));
            default -> throw new IllegalArgumentException("Usage: sqlite <file> <run> | postgres <url> <user> <run>,"
                    + " not " + List.of(args));
        };
    }

    /** Keeps {@value #WINDOW} puts in flight to {@code shelf}; prints each acknowledgement. */
    private static Behavior<List<String>> writer(String entity, String run, ActorRef<Command> shelf,
                                                 PrintStream acks) {
        return Behaviors.setup(context -> {
            context.watch(shelf);
            int[] sent = {0};
            Runnable putNext = () -> shelf.tell(new Command.Put(run + "-" + sent[0]++, context.self()));
            for (int i = 0; i < WINDOW; i++) {
                putNext.run();
            }
            return Behaviors.receive((ctx, items) -> {
                // The reply is the state after this put's event: its size is the event's sequence number.
                synchronized (acks) {
                    acks.println("ack " + entity + " " + items.size() + " " + items.getLast() + " .");
                    acks.flush();
                }
                putNext.run();
                return Behaviors.same();
            }, (ctx, signal) -> {
                if (signal instanceof Terminated) {
                    System.err.println("The entity " + entity + " stopped (see its failure above)");
                    System.exit(4);
                }
                return Behaviors.same();
            });
        });
    }
}
