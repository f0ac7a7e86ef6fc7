package dev.troupe.examples.iot;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet, the guardian of its actor system: spawns and supervises the regions ({@code r-<index>}), answers
 * queries for unknown ids and passes the others down, and aggregates the regions' reports by scatter-gather.
 */
public final class Fleet {

    /** What the fleet understands: {@link QueryDevice} and {@link Aggregate}. */
    public sealed interface Command permits QueryDevice, Aggregate {}

    /**
     * Gathers the temperatures of the whole fleet: each building waits {@code deviceTimeout} for its devices,
     * each region half as long again for its buildings, the fleet half as long again for its regions; whoever
     * did not answer in time is counted as silent ({@link TemperatureStats#responded()} below
     * {@link TemperatureStats#total()}).
     */
    public record Aggregate(Duration deviceTimeout, ActorRef<? super TemperatureReport.Fleet> replyTo)
            implements Command {}

    private static final Props REGION = Props.empty().withActorType("region");
    private static final Props GATHER = Props.empty().withActorType("gather");

    private Fleet() {}

    /** The fleet, whose devices reach {@code cloud} through the gateway {@code wiring} puts in front of it. */
    static Behavior<Command> create(FleetServices services, SimulatedCloud cloud, CloudWiring wiring) {
        return Behaviors.setup(ctx -> {
            FleetServices fleet = services.withCloud(wiring.wire(ctx.system(), cloud));
            FleetLayout layout = fleet.layout();
            List<ActorRef<Region.Command>> regions = new ArrayList<>();
            for (int r = 0; r < layout.regions(); r++) {
                regions.add(ctx.spawn(Behaviors.supervise(Region.create(r, fleet))
                        .onFailure(RuntimeException.class, SupervisorStrategy.restart()), Region.nameOf(r), REGION));
            }
            return Behaviors.receive((context, command) -> {
                switch (command) {
                    case QueryDevice query when !layout.isDevice(query.deviceId()) ->
                            query.replyTo().tell(new QueryReply.UnknownDevice(query.deviceId(), layout.devices()));
                    case QueryDevice query ->
                            regions.get(layout.regionOf(layout.buildingOf(query.deviceId()))).tell(query);
                    case Aggregate(Duration deviceTimeout, var replyTo) -> context.spawnAnonymous(
                            Gather.create(regions, (ActorRef<TemperatureReport.Region> to) ->
                                            new Region.Aggregate(deviceTimeout, to),
                                    Region.slack(Region.slack(deviceTimeout)), reports -> report(layout, reports),
                                    replyTo), GATHER);
                }
                return Behaviors.same();
            });
        });
    }

    private static TemperatureReport.Fleet report(FleetLayout layout, List<TemperatureReport.Region> answered) {
        List<TemperatureReport.Region> all = Region.withSilent(answered, TemperatureReport.Region::region, 0,
                layout.regions(), r -> new TemperatureReport.Region(r,
                        TemperatureStats.none(layout.devicesInRegion(r)), List.of()));
        return new TemperatureReport.Fleet(Region.sum(all), all);
    }
}
