package dev.troupe.actor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The location and identity of an actor, such as {@code troupe://shop/user/orders/o-17}. Immutable and safe
 * to share.
 *
 * <p>A path names the actor's system and the chain of parent names from the root. The root of a local path is
 * the system name alone ({@code troupe://shop/}); the root of a path that names an actor on another node also
 * carries that node's host and port ({@code troupe://shop@10.0.0.7:25520/}), see {@link #root(String, String,
 * int)} and {@link #parse(String)}. Its {@link #uid()} tells
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
    /**
     * The name, or null for an anonymous actor: then `anonymous` is its number. For a root, the authority: the
     * system name, or {@code system@host:port}; one string per node rather than two more fields on every path.
     */
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
     * The root path of a system on a node reachable at {@code host:port}, {@code troupe://<system>@<host>:<port>/}.
     * Such a path is not equal to the local root {@link #root(String) root(system)}: it names the system as seen
     * from other nodes.
     *
     * @param host a host name, an IPv4 address, or an IPv6 address in brackets ({@code [::1]})
     * @throws InvalidActorNameException if the system name is not a valid name
     * @throws IllegalArgumentException if the host is empty or has characters no host name or address has, or
     *     the port is not in 1..65535
     */
    public static ActorPath root(String systemName, String host, int port) {
        ActorNames.validateSystemName(systemName);
        ActorNames.validateHost(host);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Port must be in 1..65535, was " + port);
        }
        return new ActorPath(null, systemName + "@" + host + ":" + port, 0, 0);
    }

    /**
     * Reads a path as {@link #toString()} or {@link #toStringWithUid()} print it, such as
     * {@code troupe://shop@10.0.0.7:25520/user/orders#4711}. The uid, when given, is the last element's; without
     * it the uid is 0 (a path that names no particular actor). Elements above the last have uid 0.
     *
     * @throws IllegalArgumentException (an {@link InvalidActorNameException} for a bad name) naming what is wrong,
     *     if the text is not such a path
     */
    public static ActorPath parse(String text) {
        Objects.requireNonNull(text, "path text must not be null");
        String prefix = SCHEME + "://";
        if (!text.startsWith(prefix)) {
            throw new IllegalArgumentException("Not a Troupe path (it must start with " + prefix + "): [" + text + "]");
        }
        String rest = text.substring(prefix.length());
        long uid = 0;
        int hash = rest.lastIndexOf('#');
        if (hash >= 0) {
            uid = parseUid(rest.substring(hash + 1), text);
            rest = rest.substring(0, hash);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        ActorPath path = parseRoot(authority, text);
        if (slash >= 0) {
            String[] elements = rest.substring(slash + 1).split("/", -1);
            boolean trailingSlashOfRoot = elements.length == 1 && elements[0].isEmpty();
            for (int i = 0; !trailingSlashOfRoot && i < elements.length; i++) {
                path = path.child(elements[i], i == elements.length - 1 ? uid : 0);
            }
        }
        if (path.parent == null && uid != 0) {
            throw new IllegalArgumentException("A root path has no uid: [" + text + "]");
        }
        return path;
    }

    private static long parseUid(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The uid after '#' is not a number: [" + text + "]", e);
        }
    }

    private static ActorPath parseRoot(String authority, String text) {
        int at = authority.indexOf('@');
        if (at < 0) {
            return root(authority);
        }
        int colon = authority.lastIndexOf(':');
        if (colon < at || authority.endsWith("]")) {
            throw new IllegalArgumentException("The address must be system@host:port: [" + text + "]");
        }
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port is not a number: [" + text + "]", e);
        }
        return root(authority.substring(0, at), authority.substring(at + 1, colon), port);
    }

    /**
     * This path with its root replaced by {@code newRoot}: the same names, anonymous numbers and uids below it.
     * How a local actor's path becomes the path other nodes know it by, and back.
     *
     * @throws IllegalArgumentException if {@code newRoot} is not a root path
     */
    public ActorPath withRoot(ActorPath newRoot) {
        if (newRoot.parent != null) {
            throw new IllegalArgumentException("Not a root path: " + newRoot);
        }
        if (parent == null) {
            return newRoot;
        }
        return new ActorPath(parent.withRoot(newRoot), name, uid, anonymous);
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
        String authority = root().name;
        int at = authority.indexOf('@');
        return at < 0 ? authority : authority.substring(0, at);
    }

    /** The host of the node this path is on, or empty for a local path. */
    public Optional<String> host() {
        String authority = root().name;
        int at = authority.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(authority.substring(at + 1, authority.lastIndexOf(':')));
    }

    /** The port of the node this path is on, or -1 for a local path. */
    public int port() {
        String authority = root().name;
        return authority.indexOf('@') < 0 ? -1 : Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
    }

    /** The address part, {@code troupe://<system>} or {@code troupe://<system>@<host>:<port>}. */
    public String address() {
        return SCHEME + "://" + root().name;
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

        static void validateHost(String host) {
            Objects.requireNonNull(host, "host must not be null");
            boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
            String inner = bracketed ? host.substring(1, host.length() - 1) : host;
            boolean ok = !inner.isEmpty() && inner.length() <= 253;
            for (int i = 0; ok && i < inner.length(); i++) {
                char c = inner.charAt(i);
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                        || c == '-' || (bracketed && (c == ':' || c == '%'));
            }
            if (!ok) {
                throw new IllegalArgumentException("Invalid host [" + host + "]: use a host name, an IPv4 address "
                        + "or an IPv6 address in brackets");
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
