package io.chainplay.pipelines.earnings;

import io.chainplay.schemas.feed.FeedMessage;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EarningsFeedTest {

    @Test
    void writesExactlyWhatFeedMessageWrites() {
        Random random = new Random(21);
        for (int n = 0; n < 500; n++) {
            DueRecord due = new DueRecord();
            due.program = "GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU";
            due.player =
                    n % 50 == 0 ? "wallet \"with\" \\ odd \u00e9 chars" : EarningsFixtures.ALICE;
            due.dueAt = random.nextLong() >>> 20;
            due.earningsAdded = random.nextLong();
            due.totalPending = random.nextLong();
            due.businessCount = random.nextInt(10);
            due.dailyEarnings = random.nextLong();
            due.nextDueAt = random.nextBoolean() ? 0 : random.nextLong() >>> 20;
            String id = due.id() + (n % 3 == 0 ? ":corrected:late:x" : "");

            String json = EarningsFeed.json(due, id);

            assertThat(json).isEqualTo(EarningsFeed.message(due, id).toJson());
            assertThat(FeedMessage.parse(json).id()).isEqualTo(id);
        }
    }
}
