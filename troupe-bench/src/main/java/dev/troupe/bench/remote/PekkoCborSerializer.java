package dev.troupe.bench.remote;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Jackson CBOR for {@link PekkoWire} messages, refs as Pekko's own serialization format (through
 * {@link ActorRefResolver}): what pekko-serialization-jackson does, without its Scala module, so that both
 * systems of the remote benchmark pay for the same codec. Pekko makes one instance per system; thread-safe.
 */
public final class PekkoCborSerializer extends SerializerWithStringManifest {
    private static final Map<String, Class<?>> TYPES = Map.of(
            "hello", PekkoWire.Hello.class, "ping", PekkoWire.Ping.class, "ack", PekkoWire.Ack.class,
            "echo", PekkoWire.Echo.class, "echoed", PekkoWire.Echoed.class);

    private final ObjectMapper mapper;

    public PekkoCborSerializer(ExtendedActorSystem system) {
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        SimpleModule refs = new SimpleModule("pekko-refs");
        refs.addSerializer(ActorRef.class, new JsonSerializer<>() {
            @Override
            public void serialize(ActorRef ref, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(resolver.toSerializationFormat(ref));
            }
        });
        refs.addDeserializer(ActorRef.class, new JsonDeserializer<>() {
            @Override
            public ActorRef<?> deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return resolver.resolveActorRef(in.getValueAsString());
            }
        });
        this.mapper = new ObjectMapper(new CBORFactory()).registerModule(refs);
    }

    @Override
    public int identifier() {
        return 7_310_001;
    }

    @Override
    public String manifest(Object message) {
        return switch ((PekkoWire) message) {
            case PekkoWire.Hello h -> "hello";
            case PekkoWire.Ping p -> "ping";
            case PekkoWire.Ack a -> "ack";
            case PekkoWire.Echo e -> "echo";
            case PekkoWire.Echoed e -> "echoed";
        };
    }

    @Override
    public byte[] toBinary(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot serialize " + message, e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> type = TYPES.get(manifest);
        if (type == null) {
            throw new NotSerializableException("Unknown manifest " + manifest);
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read a " + manifest, e);
        }
    }
}
