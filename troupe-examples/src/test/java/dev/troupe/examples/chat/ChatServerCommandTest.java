package dev.troupe.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad command lines of the chat server end with a usage error that names the problem. */
class ChatServerCommandTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--port, -1, port must be in 0..65535",
            "--port, http, '--port'",
            "--slow-consumer, sometimes, use drop-oldest or disconnect",
            "--outbound-capacity, 0, outboundCapacity must be in 1..",
            "--history, -5, historySize must be in 0..",
            "--max-frame-bytes, 10, maxFrameBytes must be in 256.."})
    void aBadOptionIsAUsageErrorNamingIt(String option, String value, String expected) {
        assertThat(UsageErrors.usageError(new ChatServer(), option, value)).contains(expected);
    }
}
