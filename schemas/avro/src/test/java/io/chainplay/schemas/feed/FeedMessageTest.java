package io.chainplay.schemas.feed;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedMessageTest {

    @Test
    void writesFarePlaysMessageShape() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signature", "sig");
        data.put("player", "abc");
        data.put("won", true);
        data.put("payout", "2000000");

        String json = FeedMessage.of("bet.settled", "solana:sig:1:0", 1234567890L, data).toJson();

        assertThat(json)
                .isEqualTo(
                        "{\"type\":\"bet.settled\",\"data\":{\"signature\":\"sig\",\"player\":\"abc\","
                                + "\"won\":true,\"payout\":\"2000000\"},\"timestamp\":1234567890,"
                                + "\"id\":\"solana:sig:1:0\"}");
    }

    @Test
    void parsesWhatItWrites() {
        FeedMessage message = FeedMessage.of("bet.placed", "id-1", 7L, Map.of("amount", "5"));

        assertThat(FeedMessage.parse(message.toJson())).isEqualTo(message);
    }

    @Test
    void refusesOtherJson() {
        assertThatThrownBy(() -> FeedMessage.parse("{\"type\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedMessage.parse("nope"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
