package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class StrictModeTest {

    /** Run by the test below through the JUnit engine, not by the build. */
    static class Strict {
        @RegisterExtension
        static final TestKitExtension testKit = new TestKitExtension().failOnUnexpectedDeadLetters().failOnErrorLogs();

        private static final Logger LOG = LoggerFactory.getLogger("strict");

        @Test
        void unexpectedDeadLetter() {
            testKit.kit().system().deadLetters().tell("lost");
        }

        @Test
        void expectedDeadLetter() {
            DeadLetterCapture.forMessage("lost").expect(testKit.kit().system(),
                    () -> testKit.kit().system().deadLetters().tell("lost"));
        }

        @Test
        void unexpectedErrorLog() {
            LOG.error("oops");
        }

        @Test
        void expectedErrorLog() {
            LogCapture.error().withMessageContaining("oops").expect(() -> LOG.error("oops"));
        }
    }

    @Test
    void failsExactlyTheTestsWithUnexpectedDeadLettersOrErrorLogs() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Strict.class)).execute()
                .testEvents();
        tests.assertStatistics(stats -> stats.succeeded(2).failed(2));
        assertThat(failureMessage(tests, "unexpectedDeadLetter"))
                .startsWith("Unexpected events during unexpectedDeadLetter() (strict mode of TestKitExtension")
                .contains("- dead letter: lost to troupe://Strict/deadLetters");
        assertThat(failureMessage(tests, "unexpectedErrorLog")).contains("- ERROR log: strict - oops");
    }

    private static String failureMessage(Events tests, String method) {
        return tests.failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow();
    }
}
