package dev.troupe.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.examples.bank.Account.Command;
import dev.troupe.examples.bank.Account.Reply;
import dev.troupe.persistence.JacksonSerializer;
import dev.troupe.persistence.SqliteSettings;
import dev.troupe.persistence.SqliteStore;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestKitSettings;
import dev.troupe.testkit.TestProbe;
import dev.troupe.actor.ActorSystemSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BankAccountTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            TestKitSettings.defaults().withSingleExpect(Duration.ofSeconds(10))).failOnErrorLogs();

    @TempDir
    Path directory;

    private OptionalLong projected(Path file, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return BalanceProjection.balance(connection, id);
        }
    }

    @Test
    void depositsAndWithdrawalsNeverOverdrawSurviveARestartAndAreProjected() throws SQLException {
        Path file = directory.resolve("bank.db");
        TestProbe<Reply> replies = testKit.kit().createTestProbe();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            BalanceProjection.createTable(connection);
        }
        // tag::bank[]
        try (SqliteStore store = SqliteStore.open(SqliteSettings.of(file, JacksonSerializer.json(Account.types())))) {
            testKit.kit().spawn(BalanceProjection.projection(store.journal(), store.offsetStore()));
            ActorRef<Command> alice = testKit.kit().spawn(Account.account("alice", store.journal()).behavior());

            alice.tell(new Command.Deposit(100, replies.ref()));
            replies.expectMessage(new Reply.Accepted(100));
            alice.tell(new Command.Withdraw(30, replies.ref()));
            replies.expectMessage(new Reply.Accepted(70));
            alice.tell(new Command.Withdraw(100, replies.ref()));
            replies.expectMessage(new Reply.Rejected("no overdraft: the balance is 70, the withdrawal 100", 70));
            // end::bank[]
            alice.tell(new Command.Deposit(0, replies.ref()));
            replies.expectMessage(new Reply.Rejected("a deposit must be positive, was 0", 70));
            ActorRef<Command> bob = testKit.kit().spawn(Account.account("bob", store.journal()).behavior());
            bob.tell(new Command.Deposit(5, replies.ref()));
            replies.expectMessage(new Reply.Accepted(5));

            await().atMost(Duration.ofSeconds(20)).until(() -> projected(file, "alice").equals(OptionalLong.of(70))
                    && projected(file, "bob").equals(OptionalLong.of(5)));
            testKit.kit().stop(alice);
        }

        SqliteSettings settings = SqliteSettings.of(file, JacksonSerializer.json(Account.types()));
        try (SqliteStore reopened = SqliteStore.open(settings)) {
            ActorRef<Command> alice = testKit.kit().spawn(Account.account("alice", reopened.journal()).behavior());
            alice.tell(new Command.GetBalance(replies.ref()));
            replies.expectMessage(new Reply.Accepted(70));
            alice.tell(new Command.Withdraw(70, replies.ref()));
            replies.expectMessage(new Reply.Accepted(0));

            testKit.kit().spawn(BalanceProjection.projection(reopened.journal(), reopened.offsetStore()));
            await().atMost(Duration.ofSeconds(20)).until(() -> projected(file, "alice").equals(OptionalLong.of(0)));
            assertThat(projected(file, "bob")).hasValue(5); // replayed once only: the offset was stored with it
        }
    }
}
