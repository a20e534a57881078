package io.chainplay.local;

import io.chainplay.schemas.Topics;
import io.chainplay.schemas.earnings.EarningsDue;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTailTest {

    @Test
    void printsEarningsDueRecordsAsJson() {
        EarningsDue due =
                EarningsDue.newBuilder()
                        .setId("earnings:P1:1795323585")
                        .setProgram("GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU")
                        .setPlayer("P1")
                        .setDueAt(Instant.ofEpochSecond(1795323585))
                        .setEarningsAdded(991)
                        .setTotalPending(991)
                        .setBusinessCount(1)
                        .setDailyEarnings(2520000)
                        .setLastProgramUpdate(Instant.ofEpochSecond(1795323285))
                        .setNextDueAt(Instant.ofEpochSecond(1795323885))
                        .build();

        String printed =
                TopicTail.formatter("earnings.due").apply(Topics.EARNINGS_DUE.serializeValue(due));

        assertThat(printed).isEqualTo(due.toString()).contains("\"earningsAdded\": 991");
    }

    @Test
    void printsFeedsAsTheyAreAndSaysWhatItCannotDecode() {
        byte[] feed = "{\"type\":\"earnings.updated\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(TopicTail.formatter("feed.earnings").apply(feed))
                .isEqualTo("{\"type\":\"earnings.updated\"}");
        assertThat(TopicTail.formatter("dlq.earnings").apply(new byte[] {1, 2, 3}))
                .startsWith("(3 bytes, not decodable");
    }
}
