package dev.troupe.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.testkit.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecipientCacheTest {
    private final ActorTestKit kit = ActorTestKit.create("cache");
    private final RecipientCache cache = new RecipientCache();

    @AfterEach
    void shutDown() {
        kit.shutdown();
    }

    @Test
    void aRememberedRecipientIsFoundByItsWirePath() {
        InternalRef<?> ref = (InternalRef<?>) kit.createTestProbe().ref();
        cache.remember("troupe://cache@h:1/system/probe#1", ref);

        assertThat(cache.get("troupe://cache@h:1/system/probe#1")).isSameAs(ref);
        assertThat(cache.get("troupe://cache@h:1/system/probe#2")).isNull();
    }

    @Test
    void aRecipientThatStoppedIsNotFound() {
        ActorRef<String> actor = kit.spawn(Behaviors.ignore());
        cache.remember("p", (InternalRef<?>) actor);

        kit.stop(actor);

        assertThat(cache.get("p")).isNull();
    }

    @Test
    void theCacheNeverHoldsMoreThanItsBound() {
        InternalRef<?> ref = (InternalRef<?>) kit.createTestProbe().ref();
        for (int i = 0; i <= RecipientCache.MAX_ENTRIES; i++) {
            cache.remember("path-" + i, ref);
            assertThat(cache.size()).isLessThanOrEqualTo(RecipientCache.MAX_ENTRIES);
        }
        assertThat(cache.get("path-" + RecipientCache.MAX_ENTRIES)).isSameAs(ref);
    }
}
