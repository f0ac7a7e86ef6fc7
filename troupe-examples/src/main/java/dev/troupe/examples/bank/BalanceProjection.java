package dev.troupe.examples.bank;

import dev.troupe.actor.Behavior;
import dev.troupe.persistence.EventEnvelope;
import dev.troupe.persistence.JdbcOffsetStore;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.Projection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * The read side of the bank: a table {@code account_balance} with each account's balance, kept by an
 * exactly-once projection in the database of the accounts' store (SQLite or PostgreSQL: the SQL is the same).
 */
public final class BalanceProjection {
    private BalanceProjection() {}

    /** Creates the read model's table if it is missing. */
    public static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS account_balance (account_id TEXT PRIMARY KEY, "
                    + "balance BIGINT NOT NULL)");
        }
    }

    // tag::projection[]
    public static Behavior<Void> projection(Journal journal, JdbcOffsetStore offsets) {
        return Projection.exactlyOnce("account-balances", journal, Account.TAG, offsets,
                BalanceProjection::apply).behavior();
    }

    private static void apply(Connection connection, EventEnvelope envelope) throws SQLException {
        long change = switch ((Account.Event) envelope.event().event()) {
            case Account.Event.Deposited(long amount) -> amount;
            case Account.Event.Withdrawn(long amount) -> -amount;
        };
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO account_balance (account_id, "
                + "balance) VALUES (?, ?) ON CONFLICT (account_id) "
                + "DO UPDATE SET balance = account_balance.balance + excluded.balance")) {
            upsert.setString(1, envelope.event().persistenceId().value());
            upsert.setLong(2, change);
            upsert.executeUpdate();
        }
    }
    // end::projection[]

    /** The projected balance of the account {@code id}, if it has any event yet. */
    public static OptionalLong balance(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT balance FROM account_balance WHERE account_id = ?")) {
            query.setString(1, "account|" + id);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
