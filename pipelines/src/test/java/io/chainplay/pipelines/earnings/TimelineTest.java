package io.chainplay.pipelines.earnings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.chainplay.pipelines.earnings.EarningsFixtures.ALICE;
import static io.chainplay.pipelines.earnings.EarningsFixtures.DAY;
import static io.chainplay.pipelines.earnings.EarningsFixtures.HOUR;
import static io.chainplay.pipelines.earnings.EarningsFixtures.SOL;
import static io.chainplay.pipelines.earnings.EarningsFixtures.T0;
import static io.chainplay.pipelines.earnings.EarningsFixtures.claimed;
import static io.chainplay.pipelines.earnings.EarningsFixtures.created;
import static io.chainplay.pipelines.earnings.EarningsFixtures.earn;
import static io.chainplay.pipelines.earnings.EarningsFixtures.joined;
import static io.chainplay.pipelines.earnings.EarningsFixtures.sold;
import static io.chainplay.pipelines.earnings.EarningsFixtures.tx;
import static io.chainplay.pipelines.earnings.EarningsFixtures.updated;
import static io.chainplay.pipelines.earnings.EarningsFixtures.upgraded;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a player's timeline, on a ledger, without Flink. */
class TimelineTest {

    private final Timeline timeline = EarningsFixtures.timeline();
    private final Ledger ledger = new Ledger(ALICE);
    private final Recorder fx = new Recorder();

    /** Runs events (and arrays of a transaction's events) up to a time. */
    private void run(long untilSeconds, Object... events) {
        List<MafiaEvent> sorted = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof MafiaEvent[] tx) {
                sorted.addAll(Arrays.asList(tx));
            } else {
                sorted.add((MafiaEvent) e);
            }
        }
        sorted.sort(MafiaEvent.CHAIN_ORDER);
        timeline.advance(ledger, sorted, untilSeconds * 1000, Long.MAX_VALUE, fx);
    }

    @Test
    void aPlayerIsDueAtItsNextEarningsTimeThenEveryInterval() {
        run(T0 + HOUR + 2 * DAY, joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0 + 100));

        long first = earn(SOL, 200, HOUR - 100);
        long second = earn(SOL, 200, HOUR - 100 + DAY);
        long third = earn(SOL, 200, HOUR - 100 + 2 * DAY);
        assertThat(fx.history)
                .extracting(
                        r ->
                                r.entryId
                                        + " "
                                        + r.amount
                                        + " "
                                        + r.previousBalance
                                        + "->"
                                        + r.newBalance)
                .containsExactly(
                        "due:" + (T0 + HOUR) + " " + first + " 0->" + first,
                        "due:"
                                + (T0 + HOUR + DAY)
                                + " "
                                + (second - first)
                                + " "
                                + first
                                + "->"
                                + second,
                        "due:"
                                + (T0 + HOUR + 2 * DAY)
                                + " "
                                + (third - second)
                                + " "
                                + second
                                + "->"
                                + third);
        assertThat(first).isEqualTo(810_185L); // 1 SOL at 2 %/day for 3,500 s
        assertThat(fx.dues).hasSize(3);
        assertThat(fx.dues.get(0).nextDueAt).isEqualTo((T0 + HOUR + DAY) * 1000);
        assertThat(ledger.nextDue).isEqualTo(T0 + HOUR + 3 * DAY);
        assertThat(ledger.pending).as("dues project, they do not credit").isZero();
        assertThat(fx.reconciliation).isEmpty();
    }

    @Test
    void theProgramsOwnUpdateReconcilesWhenItPaysByTheRules() {
        long at = T0 + HOUR + 1;
        long added = earn(SOL, 200, at - (T0 + 100));
        run(
                at,
                joined(ALICE, T0, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0 + 100),
                updated(ALICE, added, added, T0 + HOUR + DAY, 1, at));

        assertThat(fx.reconciliation).isEmpty();
        assertThat(ledger.pending).isEqualTo(added);
        assertThat(ledger.lastUpdate).isEqualTo(at);
        assertThat(ledger.updatesReconciled).isEqualTo(1);
        assertThat(ledger.nextDue)
                .as("same grid: the job keeps its schedule")
                .isEqualTo(T0 + HOUR + DAY);
    }

    @Test
    void aSkimmingUpdateIsReportedWithBothFigures() {
        long at = T0 + HOUR + 1;
        long correct = earn(SOL, 200, at - (T0 + 100));
        long skimmed = correct - correct / 100;
        run(
                at,
                joined(ALICE, T0, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0 + 100),
                updated(ALICE, skimmed, skimmed, T0 + HOUR + DAY, 1, at));

        assertThat(fx.checks()).containsExactly("earnings_added", "total_pending");
        assertThat(fx.reconciliation.get(0).expected).isEqualTo(correct);
        assertThat(fx.reconciliation.get(0).reported).isEqualTo(skimmed);
        assertThat(ledger.pending).as("the job keeps its own figure").isEqualTo(correct);
        assertThat(ledger.updatesMismatched).isEqualTo(1);
    }

    @Test
    void anUpgradeCreditsFirstThenEarnsAtTheNewRate() {
        long up = T0 + 1_000;
        long before = earn(SOL, 200, up - T0);
        run(
                T0 + HOUR,
                joined(ALICE, T0 - 10, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0),
                tx(
                        "upgrade-1",
                        updated(ALICE, before, before, T0 + HOUR, 1, up),
                        upgraded(ALICE, 0, 0, 1, SOL / 5, 210, up)));

        long expected = before + earn(SOL + SOL / 5, 210, T0 + HOUR - up);
        assertThat(fx.reconciliation).isEmpty();
        assertThat(fx.history)
                .singleElement()
                .satisfies(r -> assertThat(r.newBalance).isEqualTo(expected));
        Business b = ledger.slots[0];
        assertThat(b.level).isEqualTo(1);
        assertThat(b.invested).isEqualTo(SOL + SOL / 5);
        assertThat(ledger.totalUpgradeSpent).isEqualTo(SOL / 5);
    }

    @Test
    void aClaimPaysOutPendingAndStartsAgainFromZero() {
        long at = T0 + HOUR / 2;
        long pending = earn(2 * SOL, 180, at - T0);
        run(
                T0 + HOUR,
                joined(ALICE, T0 - 10, T0 + HOUR),
                created(ALICE, 0, 1, 2 * SOL, T0),
                tx(
                        "claim-1",
                        updated(ALICE, pending, pending, T0 + HOUR, 1, at),
                        claimed(ALICE, pending, at)));

        assertThat(fx.reconciliation).isEmpty();
        assertThat(fx.history)
                .extracting(
                        r ->
                                r.eventType
                                        + " "
                                        + r.amount
                                        + " "
                                        + r.previousBalance
                                        + "->"
                                        + r.newBalance)
                .containsExactly(
                        "claim " + pending + " " + pending + "->0",
                        "update "
                                + earn(2 * SOL, 180, T0 + HOUR - at)
                                + " 0->"
                                + earn(2 * SOL, 180, T0 + HOUR - at));
        assertThat(ledger.totalClaimed).isEqualTo(pending);
    }

    @Test
    void aClaimOfMoreThanPendingIsReported() {
        run(
                T0 + 10,
                joined(ALICE, T0 - 10, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0),
                claimed(ALICE, 5 * SOL, T0 + 10));

        assertThat(fx.checks()).containsExactly("claim_amount");
        assertThat(fx.reconciliation.get(0).expected).isEqualTo(earn(SOL, 200, 10));
    }

    @Test
    void aSaleStopsAccrualAndIsCheckedAgainstTheFeeTable() {
        long at = T0 + 2 * DAY + 5;
        long earnedToSale = earn(SOL, 200, at - T0);
        // 2 days held: EARLY_SELL_FEES[2] = 25 %, no discount in a basic slot.
        run(
                T0 + 5 * DAY,
                joined(ALICE, T0 - 10, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0),
                tx(
                        "sell-1",
                        updated(ALICE, earnedToSale, earnedToSale, T0 + HOUR + 2 * DAY, 1, at),
                        sold(ALICE, 0, 0, SOL, 2, 25, 0, 25, SOL * 3 / 4, at)));

        assertThat(fx.reconciliation).isEmpty();
        assertThat(fx.sold)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.status).isEqualTo("sold");
                            assertThat(r.earned).isEqualTo(earnedToSale);
                            assertThat(r.returnAmount).isEqualTo(SOL * 3 / 4);
                        });
        assertThat(fx.history).as("dues before the sale only").hasSize(2);
        assertThat(ledger.active()).isZero();
        assertThat(ledger.pending).isEqualTo(earnedToSale);
        assertThat(ledger.totalSellFees).isEqualTo(SOL / 4);
    }

    @Test
    void aSaleWithTheWrongFeeOrReturnIsReported() {
        long at = T0 + 40 * DAY;
        run(
                at,
                joined(ALICE, T0 - 10, T0 + 60 * DAY),
                created(ALICE, 0, 0, SOL, T0),
                // 40 days: FINAL_SELL_FEE_PERCENT = 2; the event charges 10 and pays 0.95.
                sold(ALICE, 0, 0, SOL, 40, 10, 0, 10, SOL * 95 / 100, at));

        assertThat(fx.checks()).containsExactly("sell_fee", "return_amount");
        assertThat(fx.reconciliation.get(0).expected).isEqualTo(2);
        assertThat(fx.reconciliation.get(1).expected).isEqualTo(SOL * 90 / 100);
    }

    @Test
    void ratesAreCheckedAgainstTheGameConstants() {
        run(
                T0 + 1,
                joined(ALICE, T0 - 10, T0 + HOUR),
                created(ALICE, 0, 0, SOL, 200 + 100, T0), // a premium slot's bonus: valid
                created(ALICE, 1, 0, SOL, 275, T0)); // no slot gives 75

        assertThat(fx.checks()).containsExactly("daily_rate");
        assertThat(fx.reconciliation.get(0).expected).isEqualTo(250);
        assertThat(ledger.slots[1].rate).as("accrues at the event's rate").isEqualTo(275);
    }

    @Test
    void transactionsInOneSlotApplyInTheOrderTheFiguresExplain() {
        long at = T0 + HOUR;
        long a = earn(SOL, 200, at - T0);
        // In the block: the crank's update (adds a), then a claim (its update adds 0), then an
        // upgrade (its update adds 0 to an empty balance). Their signatures sort the other way.
        MafiaEvent[] upgrade =
                tx(
                        "a-upgrade",
                        updated(ALICE, 0, 0, T0 + HOUR + DAY, 1, at),
                        upgraded(ALICE, 0, 0, 1, SOL / 5, 210, at));
        MafiaEvent[] claim =
                tx("b-claim", updated(ALICE, 0, a, T0 + HOUR + DAY, 1, at), claimed(ALICE, a, at));
        MafiaEvent[] crank = tx("c-crank", updated(ALICE, a, a, T0 + HOUR + DAY, 1, at));
        List<MafiaEvent> events = new ArrayList<>();
        events.add(joined(ALICE, T0 - 10, T0 + HOUR));
        events.add(created(ALICE, 0, 0, SOL, T0));
        events.addAll(Arrays.asList(upgrade));
        events.addAll(Arrays.asList(claim));
        events.addAll(Arrays.asList(crank));
        for (MafiaEvent e : events) {
            e.slot = EarningsFixtures.slotAt(e.eventTime / 1000);
        }

        run(at, events.toArray());

        assertThat(fx.reconciliation).isEmpty();
        assertThat(ledger.totalClaimed).isEqualTo(a);
        assertThat(ledger.slots[0].level).isEqualTo(1);
    }

    @Test
    void aPlayerWithoutANextEarningsTimeGetsAnOffsetFromItsWallet() {
        run(T0 + 2 * DAY, joined(ALICE, T0, 0), created(ALICE, 0, 0, SOL, T0));

        assertThat(fx.dues).hasSize(2);
        long offset = fx.dues.get(0).dueAt / 1000 % DAY;
        assertThat(fx.dues.get(1).dueAt - fx.dues.get(0).dueAt).isEqualTo(DAY * 1000);
        assertThat(fx.dues.get(0).dueAt / 1000).isBetween(T0, T0 + DAY);
        Ledger other = new Ledger(EarningsFixtures.BOB);
        timeline.advance(
                other,
                List.of(
                        joined(EarningsFixtures.BOB, T0, 0),
                        created(EarningsFixtures.BOB, 0, 0, SOL, T0)),
                (T0 + DAY) * 1000,
                Long.MAX_VALUE,
                Effects.NONE);
        assertThat(other.lastDue % DAY).as("another wallet, another offset").isNotEqualTo(offset);
    }

    @Test
    void aPlayerWithoutBusinessesIsNotDueAndResumesOnItsGrid() {
        run(
                T0 + 3 * DAY + HOUR,
                joined(ALICE, T0, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0 + 3 * DAY));

        assertThat(fx.history).extracting(r -> r.at / 1000).containsExactly(T0 + 3 * DAY + HOUR);
    }

    @Test
    void theEndOfABoundedInputStopsTheDues() {
        List<MafiaEvent> events =
                new ArrayList<>(
                        List.of(joined(ALICE, T0, T0 + HOUR), created(ALICE, 0, 0, SOL, T0)));
        timeline.advance(ledger, events, Long.MAX_VALUE, (T0 + 2 * DAY) * 1000, fx);

        assertThat(fx.history)
                .extracting(r -> r.at / 1000)
                .containsExactly(T0 + HOUR, T0 + HOUR + DAY);
        assertThat(ledger.nextDue).isEqualTo(T0 + HOUR + 2 * DAY);
    }

    @Test
    void eventsThatDoNotFitTheStateAreRefused() {
        run(
                T0 + 10,
                joined(ALICE, T0, T0 + HOUR),
                joined(ALICE, T0 + 1, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0 + 2),
                created(ALICE, 0, 1, SOL, T0 + 3),
                upgraded(ALICE, 4, 0, 1, 1, 210, T0 + 4),
                created(ALICE, 9, 1, SOL, T0 + 5));

        assertThat(fx.refused)
                .containsExactly(
                        "PLAYER_CREATED: second PlayerCreated: the player joined at " + T0,
                        "BUSINESS_CREATED_IN_SLOT: slot 0 already holds business #1",
                        "BUSINESS_UPGRADED_IN_SLOT: no business in slot 4 to upgrade",
                        "BUSINESS_CREATED_IN_SLOT: slot_index 9 outside the 9 slots");
    }

    @Test
    void legacyEventsFillTheFirstFreeSlotAndNameTheirBusinessBySlot() {
        MafiaEvent legacyUpgrade = upgraded(ALICE, 1, -1, 1, SOL / 10, 190, T0 + 20);
        legacyUpgrade.type = MafiaEvent.Type.BUSINESS_UPGRADED;
        run(
                T0 + 30,
                joined(ALICE, T0, T0 + HOUR),
                created(ALICE, 0, 0, SOL, T0 + 1),
                EarningsFixtures.createdLegacy(ALICE, 1, SOL, 180, T0 + 10),
                legacyUpgrade);

        assertThat(fx.reconciliation).isEmpty();
        assertThat(ledger.slots[1].legacy).isTrue();
        assertThat(ledger.slots[1].level).isEqualTo(1);
        assertThat(ledger.slots[1].no).isEqualTo(2);
    }
}
