package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The children's index: lookup by name and by anonymous number, uniqueness of names, removal, growth. */
class ChildTableTest {
    private static UnstartedCells cells;

    @BeforeAll
    static void start() {
        cells = new UnstartedCells("children");
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    private static ActorCell<Object> named(String name) {
        return cells.named(name);
    }

    private static ActorCell<Object> anonymous(int number) {
        return cells.anonymous(number);
    }

    @Test
    void childrenAreFoundByNameAndAnonymousOnesAlsoByNumber() {
        ChildTable table = new ChildTable();
        ActorCell<Object> orders = named("orders");
        ActorCell<Object> ten = anonymous(10);
        ActorCell<Object> negative = anonymous(-7);

        assertThat(table.add(orders)).isTrue();
        assertThat(table.add(ten)).isTrue();
        assertThat(table.add(negative)).isTrue();

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.get("orders")).isSameAs(orders);
        assertThat(table.get("$a")).isSameAs(ten);
        assertThat(table.getAnonymous(10)).isSameAs(ten);
        assertThat(table.get("$-7")).isSameAs(negative);
        assertThat(table.get("billing")).isNull();
        assertThat(table.getAnonymous(11)).isNull();
    }

    @Test
    void onlyTheExactSpellingOfAnAnonymousNameFindsTheChild() {
        ChildTable table = new ChildTable();
        table.add(anonymous(10));

        assertThat(table.get("$A")).isNull();
        assertThat(table.get("$0a")).isNull();
        assertThat(table.get("$+a")).isNull();
        assertThat(table.get("$")).isNull();
        assertThat(table.get("a")).isNull();
        assertThat(table.get("$$a")).isNull();
    }

    @Test
    void aNameStaysTakenUntilItsChildIsRemoved() {
        ChildTable table = new ChildTable();
        ActorCell<Object> first = named("worker");
        ActorCell<Object> second = named("worker");
        ActorCell<Object> firstAnonymous = anonymous(3);
        ActorCell<Object> secondAnonymous = anonymous(3);
        table.add(first);
        table.add(firstAnonymous);

        assertThat(table.add(second)).isFalse();
        assertThat(table.add(secondAnonymous)).isFalse();
        assertThat(table.remove(second)).as("a different actor of the same name is not removed").isFalse();
        assertThat(table.get("worker")).isSameAs(first);

        assertThat(table.remove(first)).isTrue();
        assertThat(table.remove(firstAnonymous)).isTrue();
        assertThat(table.add(second)).isTrue();
        assertThat(table.add(secondAnonymous)).isTrue();
        assertThat(table.get("worker")).isSameAs(second);
        assertThat(table.get("$3")).isSameAs(secondAnonymous);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void growingKeepsEveryChild() {
        ChildTable table = new ChildTable();
        List<ActorCell<?>> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ActorCell<Object> child = i % 10 == 0 ? named("n" + i) : anonymous(i);
            assertThat(table.add(child)).isTrue();
            added.add(child);
        }

        assertThat(table.size()).isEqualTo(20_000);
        for (ActorCell<?> child : added) {
            assertThat(table.get(child.selfRef().path().name())).isSameAs(child);
        }
    }

    @Test
    void aTableEmptiedAgainFindsNothing() {
        ChildTable table = new ChildTable();
        ActorCell<Object> only = anonymous(0);
        table.add(only);
        table.remove(only);

        assertThat(table.size()).isZero();
        assertThat(table.get("$0")).isNull();
        assertThat(table.getAnonymous(0)).isNull();
    }

    @Test
    void randomAddsAndRemovesAgreeWithAHashMap() {
        // Few keys in a small table: long probe runs that removal has to shift back without losing anyone.
        SplittableRandom random = new SplittableRandom(7);
        ChildTable table = new ChildTable();
        Map<String, ActorCell<?>> model = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            int key = random.nextInt(48);
            ActorCell<Object> candidate = key < 24 ? anonymous(key * 37) : named("k" + key);
            String name = candidate.selfRef().path().name();
            ActorCell<?> present = model.get(name);
            if (present == null) {
                assertThat(table.add(candidate)).isTrue();
                model.put(name, candidate);
            } else if (random.nextBoolean()) {
                assertThat(table.remove(present)).isTrue();
                model.remove(name);
            } else {
                assertThat(table.add(candidate)).isFalse();
            }
            assertThat(table.size()).isEqualTo(model.size());
            for (int k = 0; k < 48; k++) {
                String probe = k < 24 ? "$" + Integer.toString(k * 37, 36) : "k" + k;
                assertThat(table.get(probe)).isSameAs(model.get(probe));
            }
        }
    }
}
