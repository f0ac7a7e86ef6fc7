package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

class TestKitExtensionTest {
    /** The kits the inner test classes saw; a static list because JUnit instantiates those classes. */
    static final List<ActorTestKit> seen = new ArrayList<>();

    static class OneSystemPerClass {
        @RegisterExtension
        static final TestKitExtension testKit = new TestKitExtension();

        @Test
        void first(ActorTestKit injected) {
            assertThat(injected).isSameAs(testKit.kit());
            seen.add(injected);
        }

        @Test
        void second() {
            assertThat(testKit.kit().isTerminated()).isFalse();
            seen.add(testKit.kit());
        }
    }

    static class OneSystemPerTest {
        @RegisterExtension
        final TestKitExtension testKit = new TestKitExtension();

        @Test
        void first() {
            seen.add(testKit.kit());
        }

        @Test
        void second() {
            seen.add(testKit.kit());
        }
    }

    @Test
    void staticRegistrationSharesOneSystemAndShutsItDownAfterTheClass() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(OneSystemPerClass.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(seen.get(0).isTerminated()).isTrue();
        assertThat(seen.get(0).system().name()).isEqualTo("OneSystemPerClass");
    }

    @Test
    void instanceRegistrationGivesEachTestItsOwnSystem() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(OneSystemPerTest.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isNotSameAs(seen.get(1));
        assertThat(seen).allSatisfy(kit -> assertThat(kit.isTerminated()).isTrue());
    }
}
