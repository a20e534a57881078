package io.chainplay.connectors.exchange.source.split;

import io.chainplay.connectors.common.source.SplitListSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FillsSplitSerializerTest {

    static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";

    @Test
    void splitsAndEnumeratorStateRoundTrip() throws IOException {
        FillsSplit live =
                new FillsSplit(
                        3001, WALLET, 7_531_254_123_456_789L, Long.MIN_VALUE, FillsSplit.LIVE);
        FillsSplit bounded =
                new FillsSplit(3002, WALLET, 0, 1_700_000_000_000L, 1_700_000_100_000L);
        FillsSplitSerializer s = FillsSplitSerializer.INSTANCE;
        for (FillsSplit split : List.of(live, bounded)) {
            assertThat(s.deserialize(s.getVersion(), s.serialize(split))).isEqualTo(split);
        }
        SplitListSerializer<FillsSplit> e = FillsSplitSerializer.ENUMERATOR_STATE;
        assertThat(e.deserialize(e.getVersion(), e.serialize(List.of(live, bounded))))
                .containsExactly(live, bounded);
        assertThat(e.deserialize(e.getVersion(), e.serialize(List.of()))).isEmpty();
        assertThatThrownBy(() -> e.deserialize(2, e.serialize(List.of(live))))
                .hasMessage("Unknown fills enumerator state version 2");
        assertThatThrownBy(() -> s.deserialize(99, s.serialize(live)))
                .hasMessageContaining("version 99");
    }

    @Test
    void theStateKeepsTheHighestIdEmitted() {
        FillsSplitState state =
                new FillsSplitState(new FillsSplit(1, WALLET, 10, 0, FillsSplit.LIVE));
        state.emitted(12);
        state.emitted(0); // a dead letter without an id
        state.emitted(11);
        assertThat(state.toSplit().cursor()).isEqualTo(12);
        assertThat(state.toSplit().splitId()).isEqualTo("account-1");
    }
}
