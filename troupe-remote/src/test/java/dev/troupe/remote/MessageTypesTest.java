package dev.troupe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageTypesTest {
    sealed interface Shop {
        record Order(String item, int quantity) implements Shop {}

        enum Status implements Shop { OPEN, CLOSED }

        sealed interface Query extends Shop {
            record Price(String item, ActorRef<Long> replyTo) implements Query {}
        }
    }

    sealed interface Audited permits Shared {}

    sealed interface Logged permits Shared {}

    record Shared(String text) implements Audited, Logged {}

    record Holder(Shop shop) {}

    record WithObject(Object anything) {}

    record WithRawList(@SuppressWarnings("rawtypes") List items) {}

    record WithInterface(Runnable task) {}

    record WithClass(StringBuilder text) {}

    record WithObjectKey(Map<Object, String> byKey) {}

    record WithGeneric<T>(T value) {}

    record WithNestedBad(Inner inner) {}

    record Inner(Optional<List<Object>> deep) {}

    record WithGoodContainers(Map<String, List<Optional<Shop>>> nested, ActorRef<?>[] refs, Inner2 inner) {}

    record Inner2(java.util.Set<java.util.UUID> ids) {}

    record Receipt(String orderId, java.math.BigDecimal total, java.time.Instant at) {}

    @Test
    void theDocumentedRegistrationNamesEveryTypeItAllows() {
        // tag::register[]
        MessageTypes types = MessageTypes.builder()
                .register(Shop.class, "shop")   // shop.Order, shop.Status, shop.Query.Price
                .register(Receipt.class)        // under its class name
                .build();
        // end::register[]

        assertThat(types.typeNamed("shop.Order")).contains(Shop.Order.class);
        assertThat(types.typeNamed("shop.Query.Price")).contains(Shop.Query.Price.class);
        assertThat(types.nameOf(Receipt.class)).contains(Receipt.class.getName());
    }

    @Test
    void aSealedInterfaceRegistersEveryPermittedTypeRecursivelyUnderItsPrefix() {
        MessageTypes types = MessageTypes.builder().register(Shop.class, "shop").build();

        assertThat(types.nameOf(Shop.Order.class)).contains("shop.Order");
        assertThat(types.nameOf(Shop.Status.class)).contains("shop.Status");
        assertThat(types.nameOf(Shop.Query.Price.class)).contains("shop.Query.Price");
        assertThat(types.typeNamed("shop.Query.Price")).contains(Shop.Query.Price.class);
        assertThat(types.sealedInterfaces()).containsExactlyInAnyOrder(Shop.class, Shop.Query.class);
        assertThat(types.nameOf(Shop.class)).isEmpty();
    }

    @Test
    void withoutAnExplicitNameEachConcreteTypeIsNamedByItsClassName() {
        MessageTypes types = MessageTypes.builder().register(Shop.class).register(Holder.class).build();

        assertThat(types.nameOf(Shop.Query.Price.class)).contains(Shop.Query.Price.class.getName());
        assertThat(types.nameOf(Holder.class)).contains(Holder.class.getName());
        assertThat(types.typeNamed(Holder.class.getName())).contains(Holder.class);
    }

    @Test
    void stringAndTheBoxedPrimitivesAreBuiltIn() {
        MessageTypes types = MessageTypes.builder().build();

        for (Class<?> type : List.of(String.class, Integer.class, Long.class, Short.class, Byte.class,
                Double.class, Float.class, Boolean.class, Character.class)) {
            assertThat(types.nameOf(type)).contains(type.getName());
        }
        assertThat(types.typeNamed("java.lang.Runtime")).isEmpty();
    }

    @Test
    void aRecordPermittedByTwoRegisteredInterfacesKeepsTheFirstName() {
        MessageTypes types = MessageTypes.builder().register(Audited.class, "audit").register(Logged.class, "log")
                .build();

        assertThat(types.nameOf(Shared.class)).contains("audit.Shared");
        assertThat(types.typeNamed("log.Shared")).isEmpty();
    }

    @Test
    void supportedComponentsPassTheCheckIncludingNestedContainersArraysAndRefs() {
        MessageTypes types = MessageTypes.builder().register(Shop.class).register(WithGoodContainers.class).build();

        assertThat(types.nameOf(WithGoodContainers.class)).isPresent();
    }

    @Test
    void aComponentTheSerializerCannotReadBackFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> MessageTypes.builder().register(WithObject.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(WithObject.class.getName() + ".anything")
                .hasMessageContaining("java.lang.Object");
        for (Class<?> bad : List.of(WithRawList.class, WithInterface.class, WithClass.class, WithObjectKey.class,
                WithGeneric.class, WithNestedBad.class)) {
            assertThatThrownBy(() -> MessageTypes.builder().register(bad).build())
                    .as(bad.getSimpleName()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not support");
        }
    }

    @Test
    void aSealedInterfaceComponentMustItselfBeRegistered() {
        assertThatThrownBy(() -> MessageTypes.builder().register(Holder.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("register the sealed interface");
        assertThat(MessageTypes.builder().register(Holder.class).register(Shop.class).build().nameOf(Holder.class))
                .isPresent();
    }

    @Test
    void onlyRecordsEnumsAndSealedInterfacesCanBeRegistered() {
        assertThatThrownBy(() -> MessageTypes.builder().register(StringBuilder.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be a message type");
        assertThatThrownBy(() -> MessageTypes.builder().register(Runnable.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageTypes.builder().register(ActorRef.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAndTypesAreUniqueAndNamesWellFormed() {
        assertThatThrownBy(() -> MessageTypes.builder().register(Holder.class, "x").register(Inner2.class, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already taken");
        assertThatThrownBy(() -> MessageTypes.builder().register(Inner2.class, "a").register(Inner2.class, "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> MessageTypes.builder().register(Shop.class).register(Shop.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> MessageTypes.builder().register(Inner2.class, "java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already taken");
        for (String bad : List.of("", "has space", "ünïcode", "x".repeat(MessageTypes.MAX_NAME_LENGTH + 1))) {
            assertThatThrownBy(() -> MessageTypes.builder().register(Inner2.class, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        }
        assertThatThrownBy(() -> MessageTypes.builder().register(null)).isInstanceOf(NullPointerException.class);
    }
}
