package dev.troupe.persistence;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The allow-list of types {@link JacksonSerializer} may write and read: each class under a stable name and its
 * current schema version, plus the upcasters that bring older versions (or retired names) up to date. Nothing
 * else is ever serialized or instantiated, so stored bytes cannot name arbitrary classes.
 *
 * <pre>{@code
 * TypeRegistry types = TypeRegistry.empty()
 *         .register(Deposited.class, "account.deposited", 2)
 *         .withUpcaster("account.deposited", 1, tree -> ...);   // v1 -> v2
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code register}/{@code withUpcaster} returns a new registry. Bad input
 * (a blank name, a version below 1, a class or name registered twice, a second upcaster for one version) throws
 * {@link IllegalArgumentException} at the call.
 */
public final class TypeRegistry {
    /** One registered type. */
    record Registration(Class<?> type, String name, int version) {}

    private record Key(String name, int version) {}

    private final Map<Class<?>, Registration> byClass;
    private final Map<String, Registration> byName;
    private final Map<Key, Upcaster> upcasters;

    private TypeRegistry(Map<Class<?>, Registration> byClass, Map<String, Registration> byName,
                         Map<Key, Upcaster> upcasters) {
        this.byClass = Map.copyOf(byClass);
        this.byName = Map.copyOf(byName);
        this.upcasters = Map.copyOf(upcasters);
    }

    /** A registry that allows nothing yet. */
    public static TypeRegistry empty() {
        return new TypeRegistry(Map.of(), Map.of(), Map.of());
    }

    /** Allows {@code type}, stored as {@code name} at schema {@code version}. */
    public TypeRegistry register(Class<?> type, String name, int version) {
        Objects.requireNonNull(type, "type");
        checkName(name, version);
        if (byClass.containsKey(type) || byName.containsKey(name)) {
            throw new IllegalArgumentException("Already registered: " + type.getName() + " or the name \"" + name
                    + "\"; each class has one name and each name one class");
        }
        Map<Class<?>, Registration> classes = new HashMap<>(byClass);
        Map<String, Registration> names = new HashMap<>(byName);
        Registration registration = new Registration(type, name, version);
        classes.put(type, registration);
        names.put(name, registration);
        return new TypeRegistry(classes, names, upcasters);
    }

    /** Reads {@code name} stored at {@code fromVersion} through {@code upcaster}. */
    public TypeRegistry withUpcaster(String name, int fromVersion, Upcaster upcaster) {
        Objects.requireNonNull(upcaster, "upcaster");
        checkName(name, fromVersion);
        Key key = new Key(name, fromVersion);
        if (upcasters.containsKey(key)) {
            throw new IllegalArgumentException("An upcaster for \"" + name + "\" version " + fromVersion
                    + " is already registered");
        }
        Map<Key, Upcaster> next = new HashMap<>(upcasters);
        next.put(key, upcaster);
        return new TypeRegistry(byClass, byName, next);
    }

    Optional<Registration> forClass(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    Optional<Registration> forName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<Upcaster> upcaster(String name, int version) {
        return Optional.ofNullable(upcasters.get(new Key(name, version)));
    }

    private static void checkName(String name, int version) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || version < 1) {
            throw new IllegalArgumentException("A type name must not be blank and versions start at 1, were \""
                    + name + "\" and " + version);
        }
    }
}
