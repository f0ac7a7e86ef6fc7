package dev.troupe.actor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The location and identity of an actor, such as {@code troupe://shop/user/orders/o-17}. Immutable and safe
 * to share.
 *
 * <p>A path names the actor's system and the chain of parent names from the root. Its {@link #uid()} tells
 * apart successive actors that had the same name: {@link #equals(Object)} and {@link #hashCode()} include it,
 * while {@link #toString()} leaves it out (use {@link #toStringWithUid()} to see it).
 *
 * <p>An anonymous actor's name is {@code $} and a number in base 36. Its path keeps the number and spells the
 * name out only when asked for, so that a million anonymous actors do not hold a million name strings; such a
 * path is equal to, hashes like and prints like the one made from the spelled-out name.
 */
public final class ActorPath {
    /** The scheme every Troupe address starts with. */
    public static final String SCHEME = "troupe";

    private final ActorPath parent;
    /** The name, or null for an anonymous actor: then `anonymous` is its number. */
    private final String name;
    private final long uid;
    private final int anonymous;

    private ActorPath(ActorPath parent, String name, long uid, int anonymous) {
        this.parent = parent;
        this.name = name;
        this.uid = uid;
        this.anonymous = anonymous;
    }

    /**
     * The root path of a system, {@code troupe://<system>/}.
     *
     * @throws InvalidActorNameException if the system name is not a valid name
     */
    public static ActorPath root(String systemName) {
        ActorNames.validateSystemName(systemName);
        return new ActorPath(null, systemName, 0, 0);
    }

    /**
     * The path of a child of this path.
     *
     * @param uid the unique id of the child actor, or 0 where no actor identity is meant
     * @throws InvalidActorNameException if {@code name} is not a valid actor name
     */
    public ActorPath child(String name, long uid) {
        ActorNames.validateElement(name);
        return new ActorPath(this, name, uid, 0);
    }

    /**
     * The path of an anonymous child of this path, named {@code "$" + Integer.toString(number, 36)}: the same
     * path as {@code child} with that name, without making the name string until it is asked for.
     *
     * @param uid the unique id of the child actor, or 0 where no actor identity is meant
     */
    public ActorPath anonymousChild(int number, long uid) {
        return new ActorPath(this, null, uid, number);
    }

    /**
     * The name of the actor (the last path element), or the system name for a root path. For an anonymous
     * actor, a new string each time.
     */
    public String name() {
        return name != null ? name : "$" + Integer.toString(anonymous, 36);
    }

    /** The parent path; the root path is its own parent. */
    public ActorPath parent() {
        return parent == null ? this : parent;
    }

    /** The root path of the system this path belongs to. */
    public ActorPath root() {
        ActorPath p = this;
        while (p.parent != null) {
            p = p.parent;
        }
        return p;
    }

    /** The name of the actor system. */
    public String systemName() {
        return root().name;
    }

    /** The address part, {@code troupe://<system>}. */
    public String address() {
        return SCHEME + "://" + systemName();
    }

    /** The unique id of the actor (0 for a root or a path that names no particular actor). */
    public long uid() {
        return uid;
    }

    /** The path elements below the root, outermost first (empty for the root). */
    public List<String> elements() {
        List<String> names = new ArrayList<>();
        for (ActorPath p = this; p.parent != null; p = p.parent) {
            names.add(p.name());
        }
        Collections.reverse(names);
        return List.copyOf(names);
    }

    /** The path without the uid, e.g. {@code troupe://shop/user/orders}. */
    @Override
    public String toString() {
        if (parent == null) {
            return address() + "/";
        }
        StringBuilder sb = new StringBuilder(64);
        appendTo(sb);
        return sb.toString();
    }

    /** The path with the uid, e.g. {@code troupe://shop/user/orders#4711}. */
    public String toStringWithUid() {
        return toString() + "#" + uid;
    }

    private void appendTo(StringBuilder sb) {
        if (parent == null) {
            sb.append(address());
            return;
        }
        parent.appendTo(sb);
        sb.append('/');
        if (name != null) {
            sb.append(name);
        } else {
            sb.append('$').append(Integer.toString(anonymous, 36));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ActorPath other)) {
            return false;
        }
        ActorPath a = this;
        ActorPath b = other;
        if (a.uid != b.uid) {
            return false;
        }
        while (a != null && b != null) {
            if (a == b) {
                return true;
            }
            if (!sameName(a, b)) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return a == null && b == null;
    }

    private static boolean sameName(ActorPath a, ActorPath b) {
        if (a.name != null && b.name != null) {
            return a.name.equals(b.name);
        }
        if (a.name == null && b.name == null) {
            return a.anonymous == b.anonymous;
        }
        return a.name().equals(b.name()); // an anonymous name spelled out by hand: rare
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(uid);
        for (ActorPath p = this; p != null; p = p.parent) {
            h = 31 * h + (p.name != null ? p.name.hashCode() : anonymousNameHash(p.anonymous));
        }
        return h;
    }

    /**
     * {@code ("$" + Integer.toString(number, 36)).hashCode()} without making the string. The digits come least
     * significant first, so each is weighted by the power of 31 of its distance from the end, and the prefix by
     * 31 to the number of digits (int arithmetic wraps exactly as String.hashCode's does).
     */
    private static int anonymousNameHash(int number) {
        int prefix = '$';
        int q = number;
        if (q < 0) {
            prefix = 31 * prefix + '-';
        } else {
            q = -q; // count down from the negative side, as Integer.toString does, so that MIN_VALUE works too
        }
        int suffix = 0;
        int weight = 1;
        do {
            suffix += Character.forDigit(-(q % 36), 36) * weight;
            weight *= 31;
            q /= 36;
        } while (q != 0);
        return prefix * weight + suffix;
    }

    /** Name rules shared by paths and spawning. */
    static final class ActorNames {
        private ActorNames() {}

        static void validateSystemName(String name) {
            Objects.requireNonNull(name, "system name must not be null");
            if (name.isEmpty()) {
                throw new InvalidActorNameException("System name must not be empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || (i > 0 && (c == '-' || c == '_'));
                if (!ok) {
                    throw new InvalidActorNameException("Invalid system name [" + name + "]: use letters, digits, "
                            + "'-' and '_', starting with a letter or digit");
                }
            }
        }

        static void validateElement(String name) {
            Objects.requireNonNull(name, "actor name must not be null");
            if (name.isEmpty()) {
                throw new InvalidActorNameException("Actor name must not be empty");
            }
            if (name.length() > 255) {
                throw new InvalidActorNameException("Actor name is longer than 255 characters: [" + name + "]");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!isNameChar(c)) {
                    throw new InvalidActorNameException("Invalid actor name [" + name + "]: character '" + c
                            + "' at index " + i + " is not allowed; use letters, digits and -_.:@&=+,!~*'$;");
                }
            }
        }

        private static boolean isNameChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:@&=+,!~*'$;".indexOf(c) >= 0;
        }
    }
}
