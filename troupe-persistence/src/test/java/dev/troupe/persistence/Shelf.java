package dev.troupe.persistence;

import dev.troupe.actor.ActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A small event-sourced entity for the tests: a shelf of items, each put on by an event. */
final class Shelf {
    private Shelf() {}

    // tag::protocol[]
    sealed interface Command {
        record Put(String item, ActorRef<List<String>> replyTo) implements Command {}
        record PutAll(List<String> items, ActorRef<List<String>> replyTo) implements Command {}
        record Get(ActorRef<List<String>> replyTo) implements Command {}
        record PutThenStop(String item, ActorRef<List<String>> replyTo) implements Command {}
        /** Puts the item, or tells {@code rejections} why the journal would not. */
        record TryPut(String item, ActorRef<List<String>> replyTo, ActorRef<String> rejections) implements Command {}
    }

    sealed interface Event {
        record Placed(String item) implements Event {}
    }

    /** The state: the items in the order they were put, immutable. */
    record Items(List<String> items) {
        static final Items EMPTY = new Items(List.of());

        Items with(String item) {
            List<String> next = new ArrayList<>(items);
            next.add(item);
            return new Items(List.copyOf(next));
        }
    }
    // end::protocol[]

    // tag::handlers[]
    static Effect<? extends Event, Items> onCommand(Items state, Command command) {
        return switch (command) {
            case Command.Put(String item, var replyTo) -> Effect.persist(new Event.Placed(item))
                    .thenReply(replyTo, Items::items);
            case Command.PutAll(List<String> items, var replyTo) -> Effect.persist(
                    items.stream().<Event>map(Event.Placed::new).toList()).thenReply(replyTo, Items::items);
            case Command.Get(var replyTo) -> Effect.reply(replyTo, state.items());
            case Command.PutThenStop(String item, var replyTo) -> Effect.persist(new Event.Placed(item))
                    .thenReply(replyTo, (Items s) -> s.items()).thenStop();
            case Command.TryPut(String item, var replyTo, var rejections) -> Effect.persist(new Event.Placed(item))
                    .thenReply(replyTo, (Items s) -> s.items())
                    .onRejected(rejection -> rejections.tell(rejection.getMessage()));
        };
    }

    static Items onEvent(Items state, Event event) {
        return switch (event) {
            case Event.Placed(String item) -> state.with(item);
        };
    }
    // end::handlers[]

    static Set<String> tags(Event event) {
        return switch (event) {
            case Event.Placed(String item) -> item.length() > 3 ? Set.of("shelf", "long") : Set.of("shelf");
        };
    }

    // tag::create[]
    static EventSourcedBehavior<Command, Event, Items> shelf(String id, Journal journal) {
        return EventSourcedBehavior.create(PersistenceId.of("shelf", id), journal, Items.EMPTY,
                Shelf::onCommand, Shelf::onEvent);
    }
    // end::create[]
}
