package dev.troupe.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Rewrites a stored event of an old schema version into what it means now, for {@link JacksonSerializer}: one
 * {@link Upcast} to rename a field or move the type to a new name, several to split an event, each possibly
 * needing further upcasting. Registered with {@link TypeRegistry#withUpcaster}.
 *
 * <p>Runs on the store's reader threads, concurrently: it must be a pure function of {@code tree}, which it
 * receives as its own copy and may modify. Throwing fails the read.
 */
@FunctionalInterface
public interface Upcaster {
    List<Upcast> upcast(JsonNode tree);

    /**
     * One event after upcasting.
     *
     * @param typeName its type name
     * @param version its schema version
     * @param tree its content
     */
    record Upcast(String typeName, int version, JsonNode tree) {
        public Upcast {
            Objects.requireNonNull(typeName, "typeName");
            Objects.requireNonNull(tree, "tree");
        }
    }
}
