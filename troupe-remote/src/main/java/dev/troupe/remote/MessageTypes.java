package dev.troupe.remote;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The allow-list of message types that may cross the wire with the default serializer (Jackson CBOR): each
 * concrete type under a stable <em>wire name</em>. Nothing else is written or read; in particular no class name
 * from the wire is ever loaded, only names registered here are looked up.
 *
 * <pre>{@code
 * MessageTypes types = MessageTypes.builder()
 *         .register(Counter.class, "counter")   // a sealed interface: "counter.Increment", "counter.Get"
 *         .register(Greeting.class)             // a record: "com.example.Greeting"
 *         .build();
 * }</pre>
 *
 * <p><b>What may be registered.</b> Records, enums, and sealed interfaces whose permitted subtypes are records,
 * enums or again such sealed interfaces; registering a sealed interface registers every permitted type,
 * recursively. The components of a registered record may be: primitives and their boxes, {@code String},
 * {@code BigInteger}, {@code BigDecimal}, {@code UUID}, {@code byte[]}, {@code Instant}, {@code Duration},
 * {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, any {@code ActorRef} (sent as its address), enums,
 * records (checked in turn; they need no name since the declaring type fixes them), registered sealed interfaces
 * (their values carry the wire name of their concrete type), and {@code List}, {@code Set}, {@code Optional},
 * arrays and {@code Map} (keys: {@code String}, boxed integers, enums or {@code UUID}) of those. {@link #build()}
 * checks this, so an unsupported component fails at start-up rather than at the first send.
 *
 * <p><b>Built in.</b> {@code String} and the eight boxed primitives are allowed as whole messages without
 * registration (for replies such as {@code ActorRef<Integer>}), under their class names.
 *
 * <p><b>Wire names.</b> By default a type's name is its {@link Class#getName()}, so renaming or moving the
 * class changes it; an explicit name keeps it stable. An explicit name given to a sealed interface is a prefix:
 * its permitted types are named {@code prefix.SimpleName} (and a nested sealed interface's types
 * {@code prefix.Nested.SimpleName}). Names consist of ASCII letters, digits and {@code . _ $ -}, at most
 * {@value #MAX_NAME_LENGTH} characters. Both nodes must register the same names.
 *
 * <p><b>Threading.</b> A {@code MessageTypes} is immutable and safe to share between threads and nodes. Its
 * {@link Builder} is not thread-safe: build on one thread, then share the result.
 *
 * <p><b>Bad input.</b> An unsupported type or component, a name that is malformed or already taken, or a type
 * registered twice throws {@link IllegalArgumentException} naming the type and what to do; {@code null}
 * throws {@link NullPointerException}.
 */
public final class MessageTypes {
    /** The longest wire name allowed. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._$-]+");
    private static final Set<Class<?>> BUILT_IN = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Character.class, Integer.class, Long.class, Float.class, Double.class);

    private final Map<Class<?>, String> nameByType;
    private final Map<String, Class<?>> typeByName;
    private final Set<Class<?>> sealedInterfaces;

    private MessageTypes(Map<Class<?>, String> nameByType, Set<Class<?>> sealedInterfaces) {
        this.nameByType = Map.copyOf(nameByType);
        Map<String, Class<?>> byName = new HashMap<>();
        nameByType.forEach((type, name) -> byName.put(name, type));
        this.typeByName = Map.copyOf(byName);
        this.sealedInterfaces = Set.copyOf(sealedInterfaces);
    }

    /** A builder that starts with the built-in types only. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The wire name of a concrete message type, if it is allowed. An enum constant with a body has a class of
     * its own: ask for its {@code getDeclaringClass()}.
     */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(nameByType.get(Objects.requireNonNull(type, "type")));
    }

    /** The concrete type registered under a wire name, if any. Never loads a class. */
    public Optional<Class<?>> typeNamed(String name) {
        return Optional.ofNullable(typeByName.get(Objects.requireNonNull(name, "name")));
    }

    /** The registered sealed interfaces, nested ones included: the types whose values carry a wire name. */
    public Set<Class<?>> sealedInterfaces() {
        return sealedInterfaces;
    }

    @Override
    public String toString() {
        return "MessageTypes" + new TreeSet<>(typeByName.keySet());
    }

    /**
     * Collects registrations; {@link #build()} checks them and makes an immutable {@link MessageTypes}. Not
     * thread-safe.
     */
    public static final class Builder {
        private final Map<Class<?>, String> nameByType = new LinkedHashMap<>();
        private final Map<String, Class<?>> typeByName = new HashMap<>();
        private final Set<Class<?>> sealedInterfaces = new LinkedHashSet<>();

        private Builder() {
            BUILT_IN.forEach(type -> put(type, type.getName()));
        }

        /**
         * Allows a record, an enum, or a sealed interface with all its permitted types, under the default
         * names ({@link Class#getName()} of each concrete type).
         *
         * @throws IllegalArgumentException if the type is none of those, or it or a name is already registered
         */
        public Builder register(Class<?> type) {
            Objects.requireNonNull(type, "type");
            if (isSealedInterface(type)) {
                registerSealed(type, null);
            } else {
                put(concrete(type), checkName(type.getName(), type));
            }
            return this;
        }

        /**
         * Allows a record or an enum under {@code name}, or a sealed interface with its permitted types under
         * {@code name} as prefix ({@code name.SimpleName}).
         *
         * @throws IllegalArgumentException if the type is unsupported, the name malformed, or either taken
         */
        public Builder register(Class<?> type, String name) {
            Objects.requireNonNull(type, "type");
            if (isSealedInterface(type)) {
                registerSealed(type, checkName(name, type));
            } else {
                put(concrete(type), checkName(name, type));
            }
            return this;
        }

        /**
         * The allow-list, after checking that every component of every registered record can be written and
         * read (see {@link MessageTypes}).
         *
         * @throws IllegalArgumentException naming the first unsupported component and the record it is in
         */
        public MessageTypes build() {
            ComponentTypes check = new ComponentTypes(sealedInterfaces);
            nameByType.keySet().forEach(check::checkMessageType);
            return new MessageTypes(nameByType, sealedInterfaces);
        }

        private void registerSealed(Class<?> sealed, String prefix) {
            if (sealedInterfaces.contains(sealed)) {
                throw new IllegalArgumentException(sealed.getName() + " is already registered");
            }
            addSealed(sealed, prefix);
        }

        /** A type reached twice (permitted by two registered interfaces) keeps the name it got first. */
        private void addSealed(Class<?> sealed, String prefix) {
            sealedInterfaces.add(sealed);
            for (Class<?> permitted : sealed.getPermittedSubclasses()) {
                String name = prefix == null ? permitted.getName() : prefix + "." + permitted.getSimpleName();
                if (isSealedInterface(permitted)) {
                    if (!sealedInterfaces.contains(permitted)) {
                        addSealed(permitted, prefix == null ? null : name);
                    }
                } else if (!nameByType.containsKey(permitted)) {
                    put(concrete(permitted), checkName(name, permitted));
                }
            }
        }

        private void put(Class<?> type, String name) {
            if (nameByType.containsKey(type)) {
                throw new IllegalArgumentException(type.getName() + " is already registered as \""
                        + nameByType.get(type) + "\"; each type has one wire name");
            }
            Class<?> holder = typeByName.get(name);
            if (holder != null) {
                throw new IllegalArgumentException("The wire name \"" + name + "\" of " + type.getName()
                        + " is already taken by " + holder.getName() + "; give one of them an explicit name");
            }
            nameByType.put(type, name);
            typeByName.put(name, type);
        }

        private static Class<?> concrete(Class<?> type) {
            if (type.isRecord() || type.isEnum()) {
                return type;
            }
            throw new IllegalArgumentException(type.getName() + " cannot be a message type: register records, "
                    + "enums, or sealed interfaces of records and enums (Troupe never serializes other classes)");
        }

        private static String checkName(String name, Class<?> type) {
            Objects.requireNonNull(name, "name");
            if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("The wire name \"" + name + "\" of " + type.getName()
                        + " is malformed: use 1 to " + MAX_NAME_LENGTH
                        + " ASCII letters, digits and . _ $ - (give the type an explicit name)");
            }
            return name;
        }
    }

    static boolean isSealedInterface(Class<?> type) {
        return type.isInterface() && type.isSealed();
    }
}
