package dev.troupe.actor;

import dev.troupe.actor.internal.routing.HashRing;
import dev.troupe.actor.routing.RoutingLogic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The consistent-hash ring behind {@link RoutingLogic#consistentHashing}: balance and stability. */
class HashRingTest {
    private static final int KEYS = 20_000;

    private static HashRing<String> ring(List<String> nodes) {
        HashRing<String> ring = new HashRing<>(100, Function.identity());
        nodes.forEach(ring::add);
        return ring;
    }

    private static Map<Integer, String> owners(HashRing<String> ring) {
        Map<Integer, String> owners = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            owners.put(k, ring.nodeFor("key-" + k));
        }
        return owners;
    }

    @Test
    void keysSpreadRoughlyEvenly() {
        Map<String, Long> load = owners(ring(List.of("a", "b", "c", "d", "e"))).values().stream()
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));

        assertThat(load).hasSize(5).allSatisfy((node, n) -> assertThat(n).isBetween(KEYS / 5 * 6 / 10L,
                KEYS / 5 * 14 / 10L));
    }

    @Test
    void addingANodeMovesOnlyAboutOneInNPlusOneKeysAndOnlyToIt() {
        HashRing<String> ring = ring(List.of("a", "b", "c", "d"));
        Map<Integer, String> before = owners(ring);
        ring.add("e");
        Map<Integer, String> after = owners(ring);

        long moved = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();

        assertThat(before.keySet()).filteredOn(k -> !before.get(k).equals(after.get(k)))
                .allSatisfy(k -> assertThat(after.get(k)).isEqualTo("e"));
        assertThat((double) moved / KEYS).isBetween(0.12, 0.28); // ideal 1/5
    }

    @Test
    void removingANodeMovesOnlyItsOwnKeys() {
        HashRing<String> ring = ring(List.of("a", "b", "c", "d", "e"));
        Map<Integer, String> before = owners(ring);
        ring.remove("c");
        Map<Integer, String> after = owners(ring);

        for (int k = 0; k < KEYS; k++) {
            if (before.get(k).equals("c")) {
                assertThat(after.get(k)).isNotEqualTo("c");
            } else {
                assertThat(after.get(k)).as("key %s", k).isEqualTo(before.get(k));
            }
        }
    }

    @Test
    void theMappingDoesNotDependOnInsertionOrder() {
        assertThat(owners(ring(List.of("a", "b", "c")))).isEqualTo(owners(ring(List.of("c", "a", "b"))));
    }
}
