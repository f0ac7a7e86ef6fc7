package dev.troupe.examples.iot;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A region: spawns and supervises its buildings ({@code b-<index>}; one that fails is restarted with fresh
 * devices), routes queries to the building of the device, and aggregates its buildings' reports by
 * scatter-gather. A building that does not answer in time counts as none of its devices answering.
 */
final class Region {

    sealed interface Command permits QueryDevice, Aggregate {}

    /**
     * Gathers every building's report; each building waits {@code deviceTimeout} for its devices, the region
     * half as long again for its buildings.
     */
    record Aggregate(Duration deviceTimeout, ActorRef<? super TemperatureReport.Region> replyTo) implements Command {}

    private static final Props BUILDING = Props.empty().withActorType("building");
    private static final Props GATHER = Props.empty().withActorType("gather");

    private Region() {}

    static String nameOf(int region) {
        return "r-" + region;
    }

    static Behavior<Command> create(int region, FleetServices fleet) {
        return Behaviors.setup(ctx -> {
            FleetLayout layout = fleet.layout();
            int first = layout.firstBuilding(region);
            List<ActorRef<Building.Command>> buildings = new ArrayList<>();
            for (int b = first; b < first + layout.buildingsIn(region); b++) {
                buildings.add(ctx.spawn(Behaviors.supervise(Building.create(b, fleet))
                        .onFailure(RuntimeException.class, SupervisorStrategy.restart()), Building.nameOf(b), BUILDING));
            }
            return Behaviors.receive((context, command) -> {
                switch (command) {
                    case QueryDevice query -> buildings.get(layout.buildingOf(query.deviceId()) - first).tell(query);
                    case Aggregate(Duration deviceTimeout, var replyTo) -> context.spawnAnonymous(
                            Gather.create(buildings, (ActorRef<TemperatureReport.Building> to) ->
                                            new Building.Aggregate(deviceTimeout, to), slack(deviceTimeout),
                                    reports -> report(region, layout, reports), replyTo), GATHER);
                }
                return Behaviors.same();
            });
        });
    }

    /** How long a level waits for the level below, which waits {@code below}: half as long again. */
    static Duration slack(Duration below) {
        return below.plus(below.dividedBy(2));
    }

    /** The region's report from the buildings that answered; the others count their devices as silent. */
    private static TemperatureReport.Region report(int region, FleetLayout layout,
                                                   List<TemperatureReport.Building> answered) {
        int first = layout.firstBuilding(region);
        List<TemperatureReport.Building> all = withSilent(answered, TemperatureReport.Building::building, first,
                layout.buildingsIn(region),
                b -> new TemperatureReport.Building(b, TemperatureStats.none(layout.devicesIn(b))));
        return new TemperatureReport.Region(region, sum(all), all);
    }

    /**
     * The reports of units {@code first..first+count-1} sorted by unit: those that {@code answered}, and a
     * {@code silent} one for each of the others.
     */
    static <P extends TemperatureReport> List<P> withSilent(List<P> answered, ToIntFunction<P> unit, int first,
                                                            int count, IntFunction<P> silent) {
        List<P> all = new ArrayList<>(answered);
        boolean[] heard = new boolean[count];
        answered.forEach(report -> heard[unit.applyAsInt(report) - first] = true);
        for (int i = 0; i < count; i++) {
            if (!heard[i]) {
                all.add(silent.apply(first + i));
            }
        }
        all.sort(Comparator.comparingInt(unit));
        return all;
    }

    static TemperatureStats sum(List<? extends TemperatureReport> reports) {
        TemperatureStats stats = TemperatureStats.none(0);
        for (TemperatureReport report : reports) {
            stats = stats.plus(report.stats());
        }
        return stats;
    }
}
