package io.chainplay.devnet.solana;

/**
 * The {@code solana_mafia} program as its IDL describes it ({@code solana_mafia.idl.json}): the
 * program id, its nine events and the arguments of the instructions the generator sends. Each event
 * lists its fields in IDL order, hand-written.
 */
final class SolanaMafiaProgram {

    static final String PROGRAM_ID = "GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU";
    static final String NAME = "solana_mafia";

    private SolanaMafiaProgram() {}

    /** Base for the events of this program. */
    interface Event extends AnchorEvent {
        @Override
        default String programId() {
            return PROGRAM_ID;
        }

        @Override
        default String programName() {
            return NAME;
        }

        @Override
        default String name() {
            return getClass().getSimpleName();
        }
    }

    record BusinessCreated(
            String player,
            int businessType,
            long investedAmount,
            int dailyRate,
            long treasuryFee,
            long createdAt)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u8("business_type", businessType)
                    .u64("invested_amount", investedAmount)
                    .u16("daily_rate", dailyRate)
                    .u64("treasury_fee", treasuryFee)
                    .i64("created_at", createdAt);
        }
    }

    record BusinessCreatedInSlot(
            String player,
            int slotIndex,
            int businessType,
            int level,
            long baseCost,
            long slotCost,
            long totalPaid,
            int dailyRate,
            long createdAt)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u8("slot_index", slotIndex)
                    .u8("business_type", businessType)
                    .u8("level", level)
                    .u64("base_cost", baseCost)
                    .u64("slot_cost", slotCost)
                    .u64("total_paid", totalPaid)
                    .u16("daily_rate", dailyRate)
                    .i64("created_at", createdAt);
        }
    }

    record BusinessSold(
            String player, int businessIndex, long daysHeld, int sellFeePercent, long returnAmount)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u8("business_index", businessIndex)
                    .u64("days_held", daysHeld)
                    .u8("sell_fee_percent", sellFeePercent)
                    .u64("return_amount", returnAmount);
        }
    }

    record BusinessSoldFromSlot(
            String player,
            int slotIndex,
            int businessType,
            long totalInvested,
            long daysHeld,
            int baseFeePercent,
            int slotDiscount,
            int finalFeePercent,
            long returnAmount,
            long soldAt)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u8("slot_index", slotIndex)
                    .u8("business_type", businessType)
                    .u64("total_invested", totalInvested)
                    .u64("days_held", daysHeld)
                    .u8("base_fee_percent", baseFeePercent)
                    .u8("slot_discount", slotDiscount)
                    .u8("final_fee_percent", finalFeePercent)
                    .u64("return_amount", returnAmount)
                    .i64("sold_at", soldAt);
        }
    }

    record BusinessUpgraded(
            String player, int businessIndex, int newLevel, long upgradeCost, int newDailyRate)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u8("business_index", businessIndex)
                    .u8("new_level", newLevel)
                    .u64("upgrade_cost", upgradeCost)
                    .u16("new_daily_rate", newDailyRate);
        }
    }

    record BusinessUpgradedInSlot(
            String player,
            int slotIndex,
            int oldLevel,
            int newLevel,
            long upgradeCost,
            int newDailyRate,
            long upgradedAt)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u8("slot_index", slotIndex)
                    .u8("old_level", oldLevel)
                    .u8("new_level", newLevel)
                    .u64("upgrade_cost", upgradeCost)
                    .u16("new_daily_rate", newDailyRate)
                    .i64("upgraded_at", upgradedAt);
        }
    }

    record EarningsClaimed(String player, long amount, long claimedAt) implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player).u64("amount", amount).i64("claimed_at", claimedAt);
        }
    }

    record EarningsUpdated(
            String player,
            long earningsAdded,
            long totalPending,
            long nextEarningsTime,
            int businessesCount)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("player", player)
                    .u64("earnings_added", earningsAdded)
                    .u64("total_pending", totalPending)
                    .i64("next_earnings_time", nextEarningsTime)
                    .u8("businesses_count", businessesCount);
        }
    }

    record PlayerCreated(String wallet, long entryFee, long createdAt, long nextEarningsTime)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("wallet", wallet)
                    .u64("entry_fee", entryFee)
                    .i64("created_at", createdAt)
                    .i64("next_earnings_time", nextEarningsTime);
        }
    }

    // Instruction data: discriminator + Borsh arguments, per the IDL's "instructions".

    static byte[] createPlayerData() {
        return Anchor.instructionDiscriminator("create_player");
    }

    /** {@code create_business(business_type: u8, deposit_amount: u64, slot_index: u8)}. */
    static byte[] createBusinessData(int businessType, long deposit, int slotIndex) {
        return Anchor.concat(
                Anchor.instructionDiscriminator("create_business"),
                new BorshWriter().u8(businessType).u64(deposit).u8(slotIndex).toByteArray());
    }

    /** {@code upgrade_business(slot_index: u8)}. */
    static byte[] upgradeBusinessData(int slotIndex) {
        return Anchor.concat(
                Anchor.instructionDiscriminator("upgrade_business"),
                new BorshWriter().u8(slotIndex).toByteArray());
    }

    /** {@code sell_business(slot_index: u8)}. */
    static byte[] sellBusinessData(int slotIndex) {
        return Anchor.concat(
                Anchor.instructionDiscriminator("sell_business"),
                new BorshWriter().u8(slotIndex).toByteArray());
    }

    static byte[] claimEarningsData() {
        return Anchor.instructionDiscriminator("claim_earnings");
    }

    static byte[] updateEarningsData() {
        return Anchor.instructionDiscriminator("update_earnings");
    }
}
