package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The children of one actor: spawn order, O(1) removal from anywhere, lookup by name and by anonymous number. */
class ChildrenTest {
    private static UnstartedCells cells;

    @BeforeAll
    static void start() {
        cells = new UnstartedCells("siblings");
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    private static List<ActorCell<?>> iterated(Children children) {
        List<ActorCell<?>> seen = new ArrayList<>();
        children.forEach(seen::add);
        return seen;
    }

    @Test
    void childrenIterateInSpawnOrderAndLeaveFromAnyPlace() {
        Children children = new Children();
        ActorCell<Object> a = cells.anonymous(0);
        ActorCell<Object> b = cells.named("b");
        ActorCell<Object> c = cells.anonymous(1);
        ActorCell<Object> d = cells.named("d");
        ActorCell<Object> e = cells.anonymous(2);
        for (ActorCell<Object> child : List.of(a, b, c, d, e)) {
            children.add(child);
        }
        assertThat(iterated(children)).containsExactly(a, b, c, d, e);

        assertThat(children.remove(c)).as("from the middle").isTrue();
        assertThat(children.remove(a)).as("the head").isTrue();
        assertThat(children.remove(e)).as("the tail").isTrue();
        assertThat(children.remove(c)).as("a second time").isFalse();

        assertThat(iterated(children)).containsExactly(b, d);
        assertThat(children.size()).isEqualTo(2);
        assertThat(children.contains(b)).isTrue();
        assertThat(children.contains(a)).isFalse();
        assertThat(children.contains(c)).isFalse();
        assertThat(children.contains(e)).isFalse();

        children.add(a); // a removed child may come back (a test's unstarted cell; actors never do)
        ActorCell<Object> f = cells.anonymous(3);
        children.add(f);
        assertThat(iterated(children)).containsExactly(b, d, a, f);
        children.remove(b);
        children.remove(d);
        children.remove(a);
        children.remove(f);
        assertThat(children.isEmpty()).isTrue();
        assertThat(children.iterator().hasNext()).isFalse();
        assertThatThrownBy(() -> children.iterator().next()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aDifferentCellOfTheSameNameIsNotAChild() {
        Children children = new Children();
        ActorCell<Object> worker = cells.named("worker");
        ActorCell<Object> anonymous = cells.anonymous(5);
        children.add(worker);
        children.add(anonymous);

        ActorCell<Object> otherWorker = cells.named("worker");
        ActorCell<Object> otherAnonymous = cells.anonymous(5);
        assertThat(children.contains(otherWorker)).isFalse();
        assertThat(children.remove(otherWorker)).isFalse();
        assertThat(children.remove(otherAnonymous)).isFalse();
        assertThat(iterated(children)).containsExactly(worker, anonymous);
        assertThat(children.get("worker")).isSameAs(worker);
        assertThat(children.get("$5")).isSameAs(anonymous);
    }

    @Test
    void anonymousChildrenAreFoundByNameBeforeAndAfterTheirIndexIsBuilt() {
        Children children = new Children();
        ActorCell<Object> ten = cells.anonymous(10);
        ActorCell<Object> orders = cells.named("orders");
        children.add(ten);
        children.add(orders);
        assertThat(children.get("orders")).isSameAs(orders);

        assertThat(children.get("$a")).as("the first anonymous lookup indexes those already here").isSameAs(ten);
        ActorCell<Object> eleven = cells.anonymous(11);
        children.add(eleven);
        assertThat(children.getAnonymous(11)).as("and those that come later").isSameAs(eleven);
        children.remove(ten);
        assertThat(children.get("$a")).isNull();
        assertThat(children.getAnonymous(10)).isNull();
        assertThat(children.get("$b")).isSameAs(eleven);
        assertThat(children.get("$$b")).isNull();
        assertThat(children.get("billing")).isNull();
    }

    @Test
    void aParentWithoutNamedChildrenFindsNoName() {
        Children children = new Children();
        children.add(cells.anonymous(1));

        assertThat(children.get("orders")).isNull();
        assertThat(children.getAnonymous(2)).isNull();
    }

    @Test
    void randomSpawnsAndStopsAgreeWithALinkedHashMap() {
        SplittableRandom random = new SplittableRandom(11);
        Children children = new Children();
        Map<String, ActorCell<?>> model = new LinkedHashMap<>(); // insertion order: spawn order
        for (int step = 0; step < 20_000; step++) {
            int key = random.nextInt(64);
            String name = key < 48 ? "$" + Integer.toString(key * 101, 36) : "k" + key;
            ActorCell<?> present = model.get(name);
            if (present == null) {
                ActorCell<Object> child = key < 48 ? cells.anonymous(key * 101) : cells.named(name);
                children.add(child);
                model.put(name, child);
            } else {
                assertThat(children.remove(present)).isTrue();
                model.remove(name);
            }
            assertThat(children.size()).isEqualTo(model.size());
            if (step % 97 == 0) {
                assertThat(iterated(children)).containsExactlyElementsOf(model.values());
            }
            if (step > 10_000) { // from here on, with the anonymous children indexed too
                String probe = key < 48 ? "$" + Integer.toString(random.nextInt(48) * 101, 36) : "k" + key;
                assertThat(children.get(probe)).isSameAs(model.get(probe));
            }
        }
        assertThat(iterated(children)).containsExactlyElementsOf(model.values());
    }
}
