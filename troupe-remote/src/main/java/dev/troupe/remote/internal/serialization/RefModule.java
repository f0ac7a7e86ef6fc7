package dev.troupe.remote.internal.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.troupe.actor.ActorRef;
import java.io.IOException;

/**
 * Writes every {@link ActorRef} in a message, wherever it is (a record component, a list element, a map value),
 * as the address text of {@link RefResolver#toWire} and reads it back through {@link RefResolver#fromWire}. The
 * resolver belongs to the module, and the module to one mapper per {@link Serialization}: no thread-locals.
 */
final class RefModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    RefModule(RefResolver refs) {
        super("troupe-actor-refs");
        addSerializer((Class) ActorRef.class, new RefSerializer(refs));
        addDeserializer((Class) ActorRef.class, new RefDeserializer(refs));
    }

    private static final class RefSerializer extends StdSerializer<ActorRef<?>> {
        private static final long serialVersionUID = 1L;
        private final transient RefResolver refs;

        @SuppressWarnings({"unchecked", "rawtypes"})
        RefSerializer(RefResolver refs) {
            super((Class) ActorRef.class);
            this.refs = refs;
        }

        @Override
        public void serialize(ActorRef<?> ref, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String address = refs.toWire(ref);
            if (address == null) {
                throw new IllegalStateException("The ref resolver has no address for " + ref.path());
            }
            gen.writeString(address);
        }
    }

    private static final class RefDeserializer extends StdDeserializer<ActorRef<?>> {
        private static final long serialVersionUID = 1L;
        private final transient RefResolver refs;

        RefDeserializer(RefResolver refs) {
            super(ActorRef.class);
            this.refs = refs;
        }

        @Override
        public ActorRef<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (ActorRef<?>) ctxt.handleUnexpectedToken(ActorRef.class, p);
            }
            String text = p.getText();
            ActorRef<?> ref;
            try {
                ref = refs.fromWire(text);
            } catch (RuntimeException e) {
                return (ActorRef<?>) ctxt.handleWeirdStringValue(ActorRef.class, text,
                        "not an actor address (%s)", e.getMessage());
            }
            if (ref == null) {
                return (ActorRef<?>) ctxt.handleWeirdStringValue(ActorRef.class, text,
                        "the ref resolver found no ref");
            }
            return ref;
        }
    }
}
