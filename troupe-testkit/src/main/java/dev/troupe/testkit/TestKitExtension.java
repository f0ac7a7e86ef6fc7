package dev.troupe.testkit;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.testkit.internal.StrictMonitor;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test class an {@link ActorTestKit}: started before the first test, shut
 * down (and checked to terminate) after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestKitExtension testKit = new TestKitExtension();
 *
 * @Test
 * void replies() {
 *     TestProbe<String> probe = testKit.kit().createTestProbe();
 *     ...
 * }
 * }</pre>
 *
 * <p>Registered on a static field, one system serves the whole class (and its {@code @Nested} classes).
 * Registered on an instance field, each test gets its own system. Test methods, constructors and lifecycle
 * methods may also declare an {@link ActorTestKit} parameter to receive the kit.
 *
 * <p><b>Strict mode.</b> {@link #failOnUnexpectedDeadLetters()} and {@link #failOnErrorLogs()} make a test
 * fail, after it ran, if a dead letter (on the kit's system) or an ERROR log line (anywhere) happened during
 * it that the test did not expect with a {@link DeadLetterCapture} or {@link LogCapture}. The failure lists
 * each one. Strict mode assumes the tests of a class run one at a time.
 *
 * <p><b>Threading.</b> Configure it before registration; {@link #kit()} is safe from any thread.
 */
public final class TestKitExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final ActorSystemSettings systemSettings;
    private final TestKitSettings settings;
    private final boolean failOnDeadLetters;
    private final boolean failOnErrorLogs;
    private volatile ActorTestKit kit;
    private volatile String ownerId;
    private volatile StrictMonitor monitor;

    /** A kit with default system and test-kit settings. */
    public TestKitExtension() {
        this(ActorSystemSettings.defaults(), TestKitSettings.defaults());
    }

    /** A kit whose system uses {@code systemSettings}, e.g. with a {@link ManualTime} scheduler. */
    public TestKitExtension(ActorSystemSettings systemSettings) {
        this(systemSettings, TestKitSettings.defaults());
    }

    /** A kit whose system uses {@code systemSettings} and that waits as {@code settings} say. */
    public TestKitExtension(ActorSystemSettings systemSettings, TestKitSettings settings) {
        this(systemSettings, settings, false, false);
    }

    private TestKitExtension(ActorSystemSettings systemSettings, TestKitSettings settings,
                             boolean failOnDeadLetters, boolean failOnErrorLogs) {
        this.systemSettings = Objects.requireNonNull(systemSettings, "systemSettings");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.failOnDeadLetters = failOnDeadLetters;
        this.failOnErrorLogs = failOnErrorLogs;
    }

    /** A copy that fails each test during which an unexpected dead letter was published. */
    public TestKitExtension failOnUnexpectedDeadLetters() {
        return new TestKitExtension(systemSettings, settings, true, failOnErrorLogs);
    }

    /**
     * A copy that fails each test during which an unexpected ERROR line was logged (needs Logback as the
     * SLF4J binding, else the test fails with {@link IllegalStateException}).
     */
    public TestKitExtension failOnErrorLogs() {
        return new TestKitExtension(systemSettings, settings, failOnDeadLetters, true);
    }

    /**
     * The running kit.
     *
     * @throws IllegalStateException if called before the extension started it or after it shut it down
     */
    public ActorTestKit kit() {
        ActorTestKit current = kit;
        if (current == null) {
            throw new IllegalStateException("No test kit is running: TestKitExtension starts it before the tests "
                    + "of the class that registers it (use @RegisterExtension) and shuts it down after them");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNone(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIfNone(context);
        if (failOnDeadLetters || failOnErrorLogs) {
            monitor = StrictMonitor.start(kit().system(), failOnDeadLetters, failOnErrorLogs);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StrictMonitor running = monitor;
        monitor = null;
        List<String> unexpected = running == null ? List.of() : running.stop();
        shutDownIfOwner(context);
        if (!unexpected.isEmpty()) {
            throw new AssertionError("Unexpected events during " + context.getDisplayName() + " (strict mode of "
                    + "TestKitExtension; expect them with DeadLetterCapture or LogCapture):\n  - "
                    + String.join("\n  - ", unexpected));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        shutDownIfOwner(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ActorTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return kit();
    }

    /* The context that started the kit stops it: the class for a static registration (afterAll of nested
       classes and afterEach of tests leave it running), the test method for an instance registration. */
    private synchronized void startIfNone(ExtensionContext context) {
        if (kit == null) {
            kit = ActorTestKit.create(systemName(context), systemSettings, settings);
            ownerId = context.getUniqueId();
        }
    }

    private synchronized void shutDownIfOwner(ExtensionContext context) {
        if (kit != null && context.getUniqueId().equals(ownerId)) {
            ActorTestKit running = kit;
            kit = null;
            ownerId = null;
            running.shutdown();
        }
    }

    private static String systemName(ExtensionContext context) {
        String name = context.getTestClass().map(Class::getSimpleName).orElse("testkit")
                .replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "testkit" : name;
    }
}
