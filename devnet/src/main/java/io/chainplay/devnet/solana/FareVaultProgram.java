package io.chainplay.devnet.solana;

/**
 * FarePlay's {@code fare_vault} program as its IDL describes it ({@code fare_vault.idl.json},
 * Anchor 0.30+): the program id, its twelve events and the arguments of the instructions the
 * generator sends. Each event lists its fields in IDL order, hand-written.
 */
final class FareVaultProgram {

    static final String PROGRAM_ID = "FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe";
    static final String NAME = "fare_vault";

    private FareVaultProgram() {}

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

    record AdminAddressUpdated(String newAdmin) implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("new_admin", newAdmin);
        }
    }

    record EvThresholdUpdated(double newEvThreshold) implements Event {
        @Override
        public void write(EventFields f) {
            f.f64("new_ev_threshold", newEvThreshold);
        }
    }

    record FeeCharged(int feeType, String poolId, String trialId, long feeAmount) implements Event {
        @Override
        public void write(EventFields f) {
            f.u8("fee_type", feeType)
                    .pubkey("pool_id", poolId)
                    .pubkey("trial_id", trialId)
                    .u64("fee_amount", feeAmount);
        }
    }

    record FeeNetworkPercentUpdated(double newFeeNetworkPercent) implements Event {
        @Override
        public void write(EventFields f) {
            f.f64("new_fee_network_percent", newFeeNetworkPercent);
        }
    }

    record MinimumFeeBurnPercentUpdated(double newMinimumFeeBurnPercent) implements Event {
        @Override
        public void write(EventFields f) {
            f.f64("new_minimum_fee_burn_percent", newMinimumFeeBurnPercent);
        }
    }

    record NetworkFeeRecipientAddressUpdated(String newNetworkFeeRecipient) implements Event {
        @Override
        public void write(EventFields f) {
            // "receipient" is the IDL's spelling; decoders key on it.
            f.pubkey("new_network_fee_receipient", newNetworkFeeRecipient);
        }
    }

    record PoolAccumulatedAmountReleased(
            String poolId, String trialId, String receiver, long releasedAmount) implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("pool_id", poolId)
                    .pubkey("trial_id", trialId)
                    .pubkey("receiver", receiver)
                    .u64("released_amount", releasedAmount);
        }
    }

    record PoolAccumulatedAmountUpdated(String poolId, String trialId, long newAccumulatedAmount)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("pool_id", poolId)
                    .pubkey("trial_id", trialId)
                    .u64("new_accumulated_amount", newAccumulatedAmount);
        }
    }

    record PoolRegistered(
            String poolId,
            String managerAddress,
            double feePlayMultiplier,
            double feeLossMultiplier,
            double feeMintMultiplier,
            double feeHostPercent,
            double feePoolPercent,
            double minLimitForTicket,
            double probability)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("pool_id", poolId)
                    .pubkey("manager_address", managerAddress)
                    .f64("fee_play_multiplier", feePlayMultiplier)
                    .f64("fee_loss_multiplier", feeLossMultiplier)
                    .f64("fee_mint_multiplier", feeMintMultiplier)
                    .f64("fee_host_percent", feeHostPercent)
                    .f64("fee_pool_percent", feePoolPercent)
                    .f64("min_limit_for_ticket", minLimitForTicket)
                    .f64("probability", probability);
        }
    }

    record ResolverAddressUpdated(String newResolver) implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("new_resolver", newResolver);
        }
    }

    /** {@code qk} rows are [probability q, payout multiple k]. */
    record TrialRegistered(
            String trialId,
            String who,
            String poolId,
            long multiplier,
            double[][] qk,
            String extraDataHash)
            implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("trial_id", trialId)
                    .pubkey("who", who)
                    .pubkey("pool_id", poolId)
                    .u64("multiplier", multiplier)
                    .qk("qk", qk)
                    .string("extra_data_hash", extraDataHash);
        }
    }

    record TrialResolved(String trialId, long resultIndex, double randomness) implements Event {
        @Override
        public void write(EventFields f) {
            f.pubkey("trial_id", trialId)
                    .u64("result_index", resultIndex)
                    .f64("randomness", randomness);
        }
    }

    // Instruction data: discriminator + Borsh arguments, per the IDL's "instructions".

    /** {@code initialize(vs: VaultState)}. */
    static byte[] initializeData(
            double evThreshold,
            String admin,
            String resolver,
            String netFeeRecipient,
            double feeNetworkPct,
            double minFeeBurnPct) {
        return instruction(
                "initialize",
                new BorshWriter()
                        .f64(evThreshold)
                        .pubkey(admin)
                        .pubkey(resolver)
                        .pubkey(netFeeRecipient)
                        .f64(feeNetworkPct)
                        .f64(minFeeBurnPct));
    }

    /** {@code pool_register(pc: PoolConfig)}. */
    static byte[] poolRegisterData(PoolRegistered pool) {
        return instruction(
                "pool_register",
                new BorshWriter()
                        .pubkey(pool.managerAddress())
                        .f64(pool.feePlayMultiplier())
                        .f64(pool.feeLossMultiplier())
                        .f64(pool.feeMintMultiplier())
                        .f64(pool.feeHostPercent())
                        .f64(pool.feePoolPercent())
                        .f64(pool.probability())
                        .f64(pool.minLimitForTicket()));
    }

    /** {@code trial_register(qk_actual: QK, mult: f64, extra_data_hash: String)}. */
    static byte[] trialRegisterData(double[][] qk, double mult, String extraDataHash) {
        BorshWriter args = new BorshWriter().vecLength(qk.length);
        for (double[] pair : qk) {
            args.f64(pair[0]).f64(pair[1]);
        }
        return instruction("trial_register", args.f64(mult).string(extraDataHash));
    }

    /** {@code trial_resolve_rand(randomness: [u8; 64])}. */
    static byte[] trialResolveRandData(byte[] randomness) {
        if (randomness.length != 64) {
            throw new IllegalArgumentException("randomness is [u8; 64]");
        }
        return instruction("trial_resolve_rand", new BorshWriter().bytes(randomness));
    }

    private static byte[] instruction(String name, BorshWriter args) {
        return Anchor.concat(Anchor.instructionDiscriminator(name), args.toByteArray());
    }
}
