package dev.troupe.remote.internal.serialization;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import dev.troupe.remote.MessageTypes;

/**
 * The only source of polymorphism in the default serializer. A value whose declared type is a registered sealed
 * interface is written as {@code [wireName, value]}; on reading, the name must be one of {@link MessageTypes} and
 * name a subtype of that interface, or Jackson fails with an invalid-type-id error. Every other type is read as
 * declared: Jackson's {@code @JsonTypeInfo} annotations are ignored, so no annotation in a message type (or in a
 * library it uses) can make the wire name a class to load.
 */
final class RegisteredNames extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    private final transient MessageTypes types;

    RegisteredNames(MessageTypes types) {
        this.types = types;
    }

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
        if (!types.sealedInterfaces().contains(baseType.getRawClass())) {
            return null;
        }
        return new StdTypeResolverBuilder()
                .init(JsonTypeInfo.Id.CUSTOM, new NameResolver(baseType, config, types))
                .inclusion(JsonTypeInfo.As.WRAPPER_ARRAY);
    }

    @Override
    public TypeResolverBuilder<?> findPropertyTypeResolver(MapperConfig<?> config, AnnotatedMember am,
                                                           JavaType baseType) {
        return null; // falls back to findTypeResolver for the declared type
    }

    @Override
    public TypeResolverBuilder<?> findPropertyContentTypeResolver(MapperConfig<?> config, AnnotatedMember am,
                                                                  JavaType containerType) {
        return null; // falls back to findTypeResolver for the element type
    }

    /** Wire names of the concrete subtypes of one sealed interface. */
    private static final class NameResolver extends TypeIdResolverBase {
        private final MessageTypes types;

        NameResolver(JavaType baseType, MapperConfig<?> config, MessageTypes types) {
            super(baseType, config.getTypeFactory());
            this.types = types;
        }

        @Override
        public String idFromValue(Object value) {
            return idFromValueAndType(value, value.getClass());
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            Class<?> concrete = value instanceof Enum<?> e ? e.getDeclaringClass() : type;
            return types.nameOf(concrete).orElseThrow(() -> new IllegalArgumentException(concrete.getName()
                    + " has no wire name"));
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) {
            return types.typeNamed(id)
                    .filter(_baseType.getRawClass()::isAssignableFrom)
                    .map(type -> _typeFactory.constructSpecializedType(_baseType, type))
                    .orElse(null); // Jackson then reports the unknown id
        }

        @Override
        public String getDescForKnownTypeIds() {
            return "wire names of the registered subtypes of " + _baseType.getRawClass().getName();
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }
}
