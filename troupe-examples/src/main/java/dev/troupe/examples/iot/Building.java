package dev.troupe.examples.iot;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.ChildFailed;
import dev.troupe.actor.Props;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A building: spawns and supervises its devices ({@code d-<id>}), receives their reports (and times them),
 * routes queries to the device asked, and aggregates its devices' temperatures by scatter-gather.
 */
final class Building {

    sealed interface Command permits QueryDevice, Report, Aggregate {}

    /** A device's new reading, sent at {@code sentAtNanos} ({@link System#nanoTime()}). */
    record Report(int deviceId, long sequence, double celsius, long sentAtNanos) implements Command {}

    /** Gathers the readings of every device, waiting at most {@code timeout} for them. */
    record Aggregate(Duration timeout, ActorRef<? super TemperatureReport.Building> replyTo) implements Command {}

    private static final Props DEVICE = Props.empty().withActorType("device");
    private static final Props GATHER = Props.empty().withActorType("gather");

    private Building() {}

    static String nameOf(int building) {
        return "b-" + building;
    }

    static Behavior<Command> create(int building, FleetServices fleet) {
        return Behaviors.setup(ctx -> {
            FleetLayout layout = fleet.layout();
            int first = layout.firstDevice(building);
            int count = layout.devicesIn(building);
            Behavior<Device.Command> device = Device.create(fleet, ctx.self());
            List<ActorRef<Device.Command>> devices = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                devices.add(ctx.spawn(device, Device.nameOf(first + i), DEVICE));
            }
            fleet.counters().spawned(count);
            return Behaviors.receive((context, command) -> {
                switch (command) {
                    case Report report -> {
                        fleet.latency().record(System.nanoTime() - report.sentAtNanos());
                        fleet.counters().report();
                    }
                    case QueryDevice(int deviceId, var replyTo) ->
                            devices.get(deviceId - first).tell(new Device.ReadNow(replyTo));
                    case Aggregate(Duration timeout, var replyTo) -> context.spawnAnonymous(Gather.create(devices,
                            Device.ReadNow::new, timeout,
                            (List<QueryReply.Reading> readings) -> new TemperatureReport.Building(building,
                                    TemperatureStats.of(readings, count)),
                            replyTo), GATHER);
                }
                return Behaviors.same();
            }, (context, signal) -> {
                if (signal instanceof ChildFailed) {
                    fleet.counters().lost(); // a device failed with something other than a sensor fault
                }
                return Behaviors.same();
            });
        });
    }
}
