package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.ActorPath;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An actor path as printed by {@link ActorPath#toString()} or {@link ActorPath#toStringWithUid()}, taken
 * apart: {@code troupe://shop/user/orders#4711} is system {@code shop}, elements {@code [user, orders]}, uid
 * 4711 (0 when not given). Only the syntax is checked here; the names are checked against the live actors.
 */
record PrintedPath(String systemName, List<String> elements, long uid) {
    private static final String PREFIX = ActorPath.SCHEME + "://";

    static Optional<PrintedPath> parse(String printed) {
        if (!printed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = printed.substring(PREFIX.length());
        long uid = 0;
        int hash = rest.lastIndexOf('#');
        if (hash >= 0) {
            try {
                uid = Long.parseLong(rest.substring(hash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            rest = rest.substring(0, hash);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> parts = Arrays.asList(rest.split("/", -1));
        if (parts.isEmpty() || parts.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new PrintedPath(parts.get(0), List.copyOf(parts.subList(1, parts.size())), uid));
    }
}
