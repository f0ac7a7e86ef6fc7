package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersistenceIdTest {

    @Test
    void entityTypeAndIdAreJoinedWithABar() {
        assertThat(PersistenceId.of("account", "17")).isEqualTo(PersistenceId.of("account|17"));
        assertThat(PersistenceId.of("account", "17")).hasToString("account|17");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "new\nline"})
    void blankOrControlCharactersAreRejected(String value) {
        assertThatThrownBy(() -> PersistenceId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A persistence id must not");
    }

    @Test
    void overlongIdsAreRejectedAndTheLimitIsAccepted() {
        assertThat(PersistenceId.of("x".repeat(PersistenceId.MAX_LENGTH)).value()).hasSize(255);
        assertThatThrownBy(() -> PersistenceId.of("x".repeat(PersistenceId.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 255 characters, was 256");
    }

    @Test
    void nullAndBadPartsAreRejected() {
        assertThatThrownBy(() -> PersistenceId.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PersistenceId.of("a|b", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain '|'");
        assertThatThrownBy(() -> PersistenceId.of("account", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
