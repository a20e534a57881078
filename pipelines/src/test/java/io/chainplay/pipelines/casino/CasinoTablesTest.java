package io.chainplay.pipelines.casino;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CasinoTablesTest {

    @Test
    void writesATimeAsInstantDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(253_402_300_800_000L); // up to 9999-12-31
            assertThat(CasinoTables.time(millis))
                    .isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        for (long millis :
                new long[] {
                    0,
                    1,
                    999,
                    1_000,
                    59_999,
                    86_399_999,
                    86_400_000,
                    951_782_400_000L, // 2000-02-29
                    1_767_225_600_100L,
                    253_402_300_799_999L,
                    -1,
                    -86_400_001L,
                    253_402_300_800_000L
                }) {
            assertThat(CasinoTables.time(millis))
                    .as("%d", millis)
                    .isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
