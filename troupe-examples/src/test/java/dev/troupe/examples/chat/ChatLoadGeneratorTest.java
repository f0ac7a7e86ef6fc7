package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.examples.chat.internal.LoadClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The load generator passes against the in-process server and notices a member that misses a message. */
class ChatLoadGeneratorTest {

    @Test
    void aSmallRunAgainstTheInProcessServerPassesItsOwnChecks() {
        int exit = new CommandLine(new ChatLoadGenerator()).execute("--clients", "40", "--rooms", "4",
                "--messages", "200", "--rate", "500", "--client-threads", "1");

        assertThat(exit).isZero(); // 1 would mean a member missed a message or got one out of order
    }

    @Test
    void aMemberThatMissesAMessageIsReported() {
        AtomicReference<String> failure = new AtomicReference<>();
        LoadClient member = new LoadClient(7, "r", new LoadClient.Shared(new Recorder(3), new LongAdder(),
                new CountDownLatch(1), failure));

        member.onFrame(new ServerFrame.Message("r", 1, "u1", LoadClient.text(1, 1)));
        member.onFrame(new ServerFrame.Message("r", 3, "u1", LoadClient.text(1, 3)));

        assertThat(failure.get()).isEqualTo("client 7 got message 3 of r after 1");
    }

    @Test
    void aDropIsAFailureOfTheRun() {
        AtomicReference<String> failure = new AtomicReference<>();
        LoadClient member = new LoadClient(3, "r", new LoadClient.Shared(new Recorder(3), new LongAdder(),
                new CountDownLatch(1), failure));

        member.onFrame(new ServerFrame.Dropped(5));

        assertThat(failure.get()).contains("dropped 5 frames");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--clients, 0, --clients must be positive",
            "--rooms, 0, --rooms must be 1..--clients",
            "--rate, -3, --rate must be 1..1000000",
            "--port, 70000, --port must be 1..65535",
            "--messages, lots, '--messages'"})
    void aBadOptionIsAUsageErrorNamingIt(String option, String value, String expected) {
        assertThat(UsageErrors.usageError(new ChatLoadGenerator(), option, value)).contains(expected);
    }

    @Test
    void everyServerFrameSurvivesTheCodec() throws MalformedFrameException {
        ServerFrame.Message message = new ServerFrame.Message("lobby", 4, "ada", "hi \"there\"\nand é");
        for (ServerFrame frame : List.of(message,
                new ServerFrame.Joined("lobby", "bob", List.of("ada", "bob"), List.of(message)),
                new ServerFrame.Presence("lobby", "ada", ServerFrame.Presence.Change.LEFT),
                new ServerFrame.Left("lobby"), new ServerFrame.Dropped(12),
                new ServerFrame.Error(ServerFrame.ErrorCode.NOT_JOINED, "not in room 'x'"))) {
            assertThat(ChatCodec.decodeServer(ChatCodec.encode(frame))).isEqualTo(frame);
        }
    }
}
