package dev.troupe.examples.iot;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.actor.TimerScheduler;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One device: its current reading, a jittered timer that takes the next reading and reports it to the building,
 * an occasional upload to the cloud, and now and then an injected crash that its supervisor answers with a
 * restart after a back-off. Its id is its name ({@code d-<id>}), so one behavior serves every device of a
 * building. A restart starts it afresh: a new first reading (sequence 0) and a new timer.
 */
final class Device extends AbstractBehavior<Device.Command> {

    sealed interface Command permits ReadNow, Tick, UploadDone {}

    /** Asks the current reading, for a query or an aggregation. */
    record ReadNow(ActorRef<? super QueryReply.Reading> replyTo) implements Command {}

    enum Tick implements Command { INSTANCE }

    record UploadDone(UploadOutcome outcome) implements Command {}

    private final FleetServices fleet;
    private final ActorRef<Building.Command> building;
    private final int id;
    private long sequence;
    private double celsius;
    private boolean uploading;

    private Device(ActorContext<Command> ctx, TimerScheduler<Command> timers, FleetServices fleet,
                   ActorRef<Building.Command> building) {
        super(ctx);
        this.fleet = fleet;
        this.building = building;
        this.id = idOf(ctx.self().path().name());
        this.celsius = Sensor.celsius(id, 0);
        // Jittered: a period of its own, and a random phase, so that a million devices do not report in step.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double stretch = 1 + FleetSettings.JITTER * (2 * random.nextDouble() - 1);
        long period = (long) (fleet.settings().reportInterval().toNanos() * stretch);
        timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, Duration.ofNanos(random.nextLong(period)),
                Duration.ofNanos(period));
        fleet.counters().deviceStarted(id);
    }

    /** The behavior of every device of {@code building}, supervised: crashes restart it after a back-off. */
    // tag::device-supervision[]
    static Behavior<Command> create(FleetServices fleet, ActorRef<Building.Command> building) {
        FleetSettings settings = fleet.settings();
        Behavior<Command> device = Behaviors.setup(ctx ->
                Behaviors.withTimers(timers -> new Device(ctx, timers, fleet, building)));
        return Behaviors.supervise(device).onFailure(SensorFault.class,
                SupervisorStrategy.restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), 0.2));
    }
    // end::device-supervision[]

    static String nameOf(int deviceId) {
        return "d-" + deviceId;
    }

    private static int idOf(String name) {
        return Integer.parseInt(name, 2, name.length(), 10);
    }

    @Override
    public Behavior<Command> onMessage(Command command) {
        switch (command) {
            case Tick tick -> takeReading();
            case ReadNow(var replyTo) -> replyTo.tell(new QueryReply.Reading(id, sequence, celsius));
            case UploadDone(UploadOutcome outcome) -> {
                uploading = false;
                fleet.counters().uploaded(outcome);
            }
        }
        return this;
    }

    private void takeReading() {
        fleet.counters().reading();
        fleet.faults().check(id);
        celsius = Sensor.celsius(id, ++sequence);
        building.tell(new Building.Report(id, sequence, celsius, System.nanoTime()));
        if (!uploading && ThreadLocalRandom.current().nextDouble() < fleet.settings().uploadRate()) {
            uploading = true;
            getContext().pipeToSelf(fleet.cloud().upload(new CloudGateway.Upload(id, sequence, celsius)),
                    (ok, failure) -> new UploadDone(UploadOutcome.of(failure)));
        }
    }
}
