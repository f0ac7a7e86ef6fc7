package dev.troupe.examples.bank;

import dev.troupe.actor.ActorRef;
import dev.troupe.persistence.Effect;
import dev.troupe.persistence.EventSourcedBehavior;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.TypeRegistry;
import java.util.Set;

/**
 * A bank account as an event-sourced actor: deposits and withdrawals, never below zero. Each account is one
 * actor with the persistence id {@code account|<id>}; its events carry the tag {@value #TAG} for the
 * {@link BalanceProjection}.
 */
public final class Account {
    private Account() {}

    /** The tag of every account event. */
    public static final String TAG = "account";

    // tag::protocol[]
    public sealed interface Command {
        record Deposit(long amount, ActorRef<Reply> replyTo) implements Command {}
        record Withdraw(long amount, ActorRef<Reply> replyTo) implements Command {}
        record GetBalance(ActorRef<Reply> replyTo) implements Command {}
    }

    public sealed interface Reply {
        record Accepted(long balance) implements Reply {}
        record Rejected(String reason, long balance) implements Reply {}
    }

    public sealed interface Event {
        record Deposited(long amount) implements Event {}
        record Withdrawn(long amount) implements Event {}
    }

    public record Balance(long amount) {}
    // end::protocol[]

    // tag::handlers[]
    static Effect<? extends Event, Balance> onCommand(Balance balance, Command command) {
        return switch (command) {
            case Command.Deposit(long amount, var replyTo) when amount <= 0 ->
                    Effect.reply(replyTo, new Reply.Rejected("a deposit must be positive, was " + amount,
                            balance.amount()));
            case Command.Deposit(long amount, var replyTo) -> Effect.persist(new Event.Deposited(amount))
                    .thenReply(replyTo, (Balance after) -> new Reply.Accepted(after.amount()));
            case Command.Withdraw(long amount, var replyTo) when amount <= 0 ->
                    Effect.reply(replyTo, new Reply.Rejected("a withdrawal must be positive, was " + amount,
                            balance.amount()));
            case Command.Withdraw(long amount, var replyTo) when amount > balance.amount() ->
                    Effect.reply(replyTo, new Reply.Rejected("no overdraft: the balance is " + balance.amount()
                            + ", the withdrawal " + amount, balance.amount()));
            case Command.Withdraw(long amount, var replyTo) -> Effect.persist(new Event.Withdrawn(amount))
                    .thenReply(replyTo, (Balance after) -> new Reply.Accepted(after.amount()));
            case Command.GetBalance(var replyTo) -> Effect.reply(replyTo, new Reply.Accepted(balance.amount()));
        };
    }

    static Balance onEvent(Balance balance, Event event) {
        return switch (event) {
            case Event.Deposited(long amount) -> new Balance(balance.amount() + amount);
            case Event.Withdrawn(long amount) -> new Balance(balance.amount() - amount);
        };
    }
    // end::handlers[]

    /** The account {@code id}, its events in {@code journal}. */
    public static EventSourcedBehavior<Command, Event, Balance> account(String id, Journal journal) {
        return EventSourcedBehavior.<Command, Event, Balance>create(PersistenceId.of("account", id), journal,
                new Balance(0), Account::onCommand, Account::onEvent).withTagger(event -> Set.of(TAG));
    }

    /** The stable names under which the events and the state are stored. */
    public static TypeRegistry types() {
        return TypeRegistry.empty()
                .register(Event.Deposited.class, "account.deposited", 1)
                .register(Event.Withdrawn.class, "account.withdrawn", 1)
                .register(Balance.class, "account.balance", 1);
    }
}
