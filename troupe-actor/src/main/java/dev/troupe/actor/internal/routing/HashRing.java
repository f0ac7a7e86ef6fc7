package dev.troupe.actor.internal.routing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A consistent-hash ring: each node owns {@code virtualNodes} points, placed by hashing its identity, and a
 * key belongs to the node owning the first point at or after the key's hash (wrapping around). Adding a node
 * moves only the keys it takes over, about {@code 1/(n+1)} of them; removing one moves only its own keys. Not
 * thread-safe: one owner (a router) uses it.
 *
 * @param <N> the node type
 */
public final class HashRing<N> {
    private final int virtualNodes;
    private final Function<? super N, String> identity;
    private final TreeMap<Long, N> ring = new TreeMap<>();

    /**
     * @param virtualNodes points per node, positive
     * @param identity a stable, unique string per node (for actors: the path with its uid)
     */
    public HashRing(int virtualNodes, Function<? super N, String> identity) {
        if (virtualNodes <= 0) {
            throw new IllegalArgumentException("virtualNodes must be positive, was " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    public void add(N node) {
        String id = identity.apply(node);
        for (int i = 0; i < virtualNodes; i++) {
            long h = hash(id + "#" + i);
            // on the (unlikely) collision of two points, the first owner keeps it, so the ring does not depend on order
            ring.putIfAbsent(h, node);
        }
    }

    public void remove(N node) {
        String id = identity.apply(node);
        for (int i = 0; i < virtualNodes; i++) {
            ring.remove(hash(id + "#" + i), node);
        }
    }

    public boolean isEmpty() {
        return ring.isEmpty();
    }

    /**
     * The node owning {@code key}, by its {@code hashCode}; null if the ring is empty.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public N nodeFor(Object key) {
        Objects.requireNonNull(key, "key");
        if (ring.isEmpty()) {
            return null;
        }
        Map.Entry<Long, N> e = ring.ceilingEntry(mix(key.hashCode()));
        return (e != null ? e : ring.firstEntry()).getValue();
    }

    private static long hash(String s) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64, then a finalizer for spread
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
