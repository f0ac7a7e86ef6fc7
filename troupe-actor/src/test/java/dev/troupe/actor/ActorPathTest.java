package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An anonymous child path keeps a number instead of a name, and is indistinguishable from the spelled-out one;
 * paths of other nodes carry host and port; printed paths parse back to equal paths.
 */
class ActorPathTest {
    private static final ActorPath PARENT = ActorPath.root("paths").child("user", 7).child("parent", 11);

    /** Edge numbers (one and two base-36 digits, the int limits, negatives) and a spread of random ones. */
    static IntStream numbers() {
        IntStream edges = IntStream.of(0, 1, 9, 10, 35, 36, 37, 1295, 1296, 46_655, 46_656, Integer.MAX_VALUE,
                Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, -35, -36);
        return IntStream.concat(edges, new SplittableRandom(42).ints(200));
    }

    private static String spelled(int number) {
        return "$" + Integer.toString(number, 36);
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void anonymousChildEqualsHashesAndPrintsLikeTheSpelledOutName(int number) {
        ActorPath anonymous = PARENT.anonymousChild(number, 99);
        ActorPath named = PARENT.child(spelled(number), 99);

        assertThat(anonymous).isEqualTo(named);
        assertThat(named).isEqualTo(anonymous);
        assertThat(anonymous.hashCode()).isEqualTo(named.hashCode());
        assertThat(anonymous.toString()).isEqualTo(named.toString())
                .isEqualTo("troupe://paths/user/parent/" + spelled(number));
        assertThat(anonymous.toStringWithUid()).isEqualTo(named.toStringWithUid());
        assertThat(anonymous.name()).isEqualTo(spelled(number));
        assertThat(anonymous.elements()).isEqualTo(named.elements());
        assertThat(anonymous.parent()).isSameAs(PARENT);
        assertThat(anonymous.uid()).isEqualTo(99);
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void pathsBelowAnAnonymousActorCompareLikeThoseBelowTheSpelledOutName(int number) {
        ActorPath belowAnonymous = PARENT.anonymousChild(number, 99).child("kid", 5).anonymousChild(3, 6);
        ActorPath belowNamed = PARENT.child(spelled(number), 99).child("kid", 5).child("$3", 6);

        assertThat(belowAnonymous).isEqualTo(belowNamed).hasSameHashCodeAs(belowNamed);
        assertThat(belowAnonymous.toString()).isEqualTo(belowNamed.toString());
    }

    @Test
    void anonymousPathsDifferByNumberAndByUid() {
        assertThat(PARENT.anonymousChild(1, 99)).isNotEqualTo(PARENT.anonymousChild(2, 99))
                .isNotEqualTo(PARENT.anonymousChild(1, 98))
                .isNotEqualTo(PARENT.child("$2", 99))
                .isNotEqualTo(PARENT.child("a", 99));
        assertThat(PARENT.child("a", 99)).isNotEqualTo(PARENT.anonymousChild(1, 99));
    }

    @Test
    void anonymousPathsUnderDifferentParentsDiffer() {
        ActorPath otherParent = ActorPath.root("paths").child("user", 7).child("other", 11);
        assertThat(PARENT.anonymousChild(1, 99)).isNotEqualTo(otherParent.anonymousChild(1, 99));
    }

    @Test
    void aRemoteRootCarriesHostAndPortAndDiffersFromTheLocalRoot() {
        ActorPath remote = ActorPath.root("shop", "10.0.0.7", 25_520).child("user", 0).child("orders", 4711);
        assertThat(remote.toString()).isEqualTo("troupe://shop@10.0.0.7:25520/user/orders");
        assertThat(remote.address()).isEqualTo("troupe://shop@10.0.0.7:25520");
        assertThat(remote.systemName()).isEqualTo("shop");
        assertThat(remote.host()).contains("10.0.0.7");
        assertThat(remote.port()).isEqualTo(25_520);
        ActorPath local = ActorPath.root("shop").child("user", 0).child("orders", 4711);
        assertThat(local.host()).isEmpty();
        assertThat(local.port()).isEqualTo(-1);
        assertThat(remote).isNotEqualTo(local);
        assertThat(local.withRoot(remote.root())).isEqualTo(remote).hasSameHashCodeAs(remote);
        assertThat(remote.withRoot(ActorPath.root("shop"))).isEqualTo(local);
    }

    @Test
    void printedPathsParseBackToEqualPaths() {
        ActorPath anonymous = ActorPath.root("shop", "[::1]", 1).child("user", 0).anonymousChild(1295, 9);
        for (ActorPath path : new ActorPath[] {PARENT, anonymous, ActorPath.root("shop"), PARENT.root()}) {
            assertThat(ActorPath.parse(path.toStringWithUid().replace("/#0", "/"))).isEqualTo(path);
            assertThat(ActorPath.parse(path.toString()).uid()).isZero();
        }
        assertThat(ActorPath.parse("troupe://shop@example.org:80/user/a#-5").uid()).isEqualTo(-5);
        assertThat(ActorPath.parse("troupe://shop@example.org:80").port()).isEqualTo(80);
    }

    @Test
    void malformedPathsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ActorPath.parse("akka://shop/user")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop/user#x")).hasMessageContaining("uid");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop#3")).hasMessageContaining("root path has no uid");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop@host/user")).hasMessageContaining("system@host:port");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop@host:x/user")).hasMessageContaining("port");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop@host:0/user")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop@ho/st:1/u")).hasMessageContaining("system@host:port");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop@h_st:1/u")).hasMessageContaining("Invalid host");
        assertThatThrownBy(() -> ActorPath.parse("troupe://shop/a//b")).isInstanceOf(InvalidActorNameException.class);
        assertThatThrownBy(() -> ActorPath.parse("troupe://sh op/a")).isInstanceOf(InvalidActorNameException.class);
        assertThatThrownBy(() -> ActorPath.root("shop", "", 1)).hasMessageContaining("Invalid host");
    }
}
