package dev.troupe.remote;

import dev.troupe.actor.ActorRef;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks at {@link MessageTypes.Builder#build()} that the default serializer can write and read every component
 * of a message type, so that a type Jackson would turn into a map (an {@code Object} field) or could not create
 * (an interface that is not a registered sealed one) fails at start-up, not at the first send.
 */
final class ComponentTypes {
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Character.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class,
            BigDecimal.class, UUID.class, byte[].class, Instant.class, Duration.class, LocalDate.class,
            LocalTime.class, LocalDateTime.class);
    private static final Set<Class<?>> MAP_KEYS = Set.of(String.class, Byte.class, Short.class, Integer.class,
            Long.class, UUID.class);

    private final Set<Class<?>> sealedInterfaces;
    private final Set<Class<?>> checkedRecords = new HashSet<>();

    ComponentTypes(Set<Class<?>> sealedInterfaces) {
        this.sealedInterfaces = sealedInterfaces;
    }

    void checkMessageType(Class<?> type) {
        if (type.isRecord()) {
            checkRecord(type);
        }
    }

    private void checkRecord(Class<?> record) {
        if (!checkedRecords.add(record)) {
            return; // checked already, or being checked (a recursive type such as a tree)
        }
        for (RecordComponent component : record.getRecordComponents()) {
            check(component.getGenericType(), record, component.getName());
        }
    }

    private void check(Type type, Class<?> record, String component) {
        switch (type) {
            case Class<?> c -> checkClass(c, record, component);
            case ParameterizedType p -> checkParameterized(p, record, component);
            case GenericArrayType a -> check(a.getGenericComponentType(), record, component);
            case WildcardType w when w.getLowerBounds().length == 0 && w.getUpperBounds().length == 1 ->
                    check(w.getUpperBounds()[0], record, component);
            default -> throw unsupported(type, record, component, "a type variable or wildcard is erased on the "
                    + "wire; declare a concrete type");
        }
    }

    private void checkClass(Class<?> c, Class<?> record, String component) {
        if (c.isPrimitive() || SCALARS.contains(c) || c.isEnum() || c == ActorRef.class) {
            return;
        }
        if (c.isRecord()) {
            checkRecord(c);
        } else if (c.isArray()) {
            checkClass(c.getComponentType(), record, component);
        } else if (MessageTypes.isSealedInterface(c)) {
            if (!sealedInterfaces.contains(c)) {
                throw unsupported(c, record, component, "register the sealed interface so that its values carry "
                        + "a wire name");
            }
        } else if (List.class == c || Set.class == c || Map.class == c || Optional.class == c) {
            throw unsupported(c, record, component, "give its element type (a raw type is erased to Object)");
        } else {
            throw unsupported(c, record, component, "use records, enums, registered sealed interfaces, ActorRef, "
                    + "scalars (see MessageTypes), or List, Set, Map and Optional of those");
        }
    }

    private void checkParameterized(ParameterizedType p, Class<?> record, String component) {
        Type raw = p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw == ActorRef.class) {
            return; // the message type of a ref is not on the wire
        }
        if (raw == List.class || raw == Set.class || raw == Optional.class) {
            check(args[0], record, component);
        } else if (raw == Map.class) {
            if (!(args[0] instanceof Class<?> key && (MAP_KEYS.contains(key) || key.isEnum()))) {
                throw unsupported(args[0], record, component, "map keys must be String, a boxed integer, UUID or "
                        + "an enum");
            }
            check(args[1], record, component);
        } else {
            throw unsupported(p, record, component, "of generic types only List, Set, Map, Optional and ActorRef "
                    + "are supported");
        }
    }

    private static IllegalArgumentException unsupported(Type type, Class<?> record, String component,
                                                        String advice) {
        return new IllegalArgumentException("Component " + record.getName() + "." + component + " has type "
                + type.getTypeName() + ", which the remote serializer does not support: " + advice);
    }
}
