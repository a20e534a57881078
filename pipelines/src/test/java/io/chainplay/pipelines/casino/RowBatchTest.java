package io.chainplay.pipelines.casino;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowBatchTest {

    private static final long HOLD = 5_000;

    @Test
    void aPlacedBetSettledWithinTheHoldIsWrittenOnlyAsSettled() {
        RowBatch batch = new RowBatch(HOLD);

        batch.add(bet("t1", "placed"), 1_000);
        batch.releaseDue(2_000);
        assertThat(batch.readyRows()).isZero();
        assertThat(batch.heldRows()).isOne();

        batch.add(bet("t1", "settled"), 3_000);

        assertThat(batch.heldRows()).isZero();
        assertThat(statuses(batch)).containsExactly("t1=settled");
    }

    @Test
    void aPlacedBetNotSettledIsWrittenWhenItsHoldIsOver() {
        RowBatch batch = new RowBatch(HOLD);
        batch.add(bet("t1", "placed"), 1_000);
        batch.add(bet("t2", "placed"), 2_000);

        batch.releaseDue(5_999);
        assertThat(batch.readyRows()).isZero();

        batch.releaseDue(6_000); // t1's hold is over, t2's is not
        assertThat(statuses(batch)).containsExactly("t1=placed");
        assertThat(batch.held()).extracting(r -> r.values[0]).containsExactly("t2");
    }

    @Test
    void aRowReplacedWhileHeldKeepsItsFirstHoldStart() {
        RowBatch batch = new RowBatch(HOLD);
        batch.add(bet("t1", "placed"), 1_000);
        batch.add(bet("t1", "placed", "1"), 4_000); // the same bet again, still placed

        batch.releaseDue(6_000);

        assertThat(batch.readyRows()).isOne();
        assertThat(batch.ready().get(CasinoTables.BETS.name()).get("t1").get("result_index"))
                .isEqualTo("1");
    }

    @Test
    void aCheckpointReleasesEveryHeldRow() {
        RowBatch batch = new RowBatch(HOLD);
        batch.add(bet("t1", "placed"), 1_000);
        batch.add(CasinoTables.FEES.deletion("f1"), 1_000);

        batch.releaseAll();

        assertThat(batch.heldRows()).isZero();
        assertThat(batch.readyRows()).isEqualTo(2);
        assertThat(statuses(batch)).containsExactly("t1=placed");
    }

    @Test
    void theLastRowOfAKeyWinsWhicheverWayItMoved() {
        RowBatch batch = new RowBatch(HOLD);
        // Settled, then a reorg took the resolution back: placed again, held.
        batch.add(bet("t1", "settled"), 1_000);
        batch.add(bet("t1", "placed"), 1_100);
        assertThat(batch.readyRows()).isZero();
        assertThat(batch.heldRows()).isOne();
        // Then its registration went too: the deletion replaces the held row.
        batch.add(CasinoTables.BETS.deletion("t1"), 1_200);

        batch.releaseAll();

        assertThat(batch.readyRows()).isOne();
        assertThat(batch.ready().get(CasinoTables.BETS.name()).get("t1").deleted).isTrue();
    }

    @Test
    void withoutAHoldAProvisionalRowIsReadyAtOnce() {
        RowBatch batch = new RowBatch(0);

        batch.add(bet("t1", "placed"), 1_000);

        assertThat(batch.heldRows()).isZero();
        assertThat(statuses(batch)).containsExactly("t1=placed");
    }

    @Test
    void takingTheReadyRowsLeavesTheHeldOnes() {
        RowBatch batch = new RowBatch(HOLD);
        batch.add(bet("t1", "settled"), 1_000);
        batch.add(bet("t2", "placed"), 1_000);

        Map<String, ? extends Map<String, TableRow>> taken = batch.takeReady();
        batch.add(bet("t3", "settled"), 1_100);

        assertThat(taken.get(CasinoTables.BETS.name())).containsOnlyKeys("t1");
        assertThat(batch.readyRows()).isOne();
        assertThat(batch.ready().get(CasinoTables.BETS.name())).containsOnlyKeys("t3");
        assertThat(batch.heldRows()).isOne();
    }

    @Test
    void onlyAPlacedBetIsProvisional() {
        for (String status : List.of("settled", "expired", "invalid")) {
            assertThat(CasinoTables.bet(betRow("t1", status, null)).provisional)
                    .as(status)
                    .isFalse();
        }
        assertThat(CasinoTables.bet(betRow("t1", "placed", null)).provisional).isTrue();
    }

    private static List<String> statuses(RowBatch batch) {
        Map<String, TableRow> bets = batch.ready().get(CasinoTables.BETS.name());
        return bets == null
                ? List.of()
                : bets.values().stream()
                        .filter(r -> !r.deleted)
                        .map(r -> r.values[0] + "=" + r.get("status"))
                        .toList();
    }

    private static TableRow bet(String trial, String status) {
        return bet(trial, status, null);
    }

    private static TableRow bet(String trial, String status, String resultIndex) {
        return CasinoTables.bet(betRow(trial, status, resultIndex));
    }

    private static BetRow betRow(String trial, String status, String resultIndex) {
        BetRow row = new BetRow();
        row.trialId = trial;
        row.poolId = "pool";
        row.player = "player";
        row.wager = java.math.BigInteger.TEN;
        row.qkJson = "[]";
        row.extraDataHash = "0x00";
        row.status = status;
        row.resultIndex = resultIndex == null ? null : Long.parseLong(resultIndex);
        row.registeredEventId = "solana:sig:0:0";
        row.registeredSignature = "sig";
        row.registeredSlot = 1;
        row.registeredAt = 0;
        return row;
    }
}
