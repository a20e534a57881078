package io.chainplay.schemas.casino;

import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.Finality;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FareVaultRecordsTest {

    private static final String POOL = "SysvarRent111111111111111111111111111111111";
    private static final String TRIAL = "So11111111111111111111111111111111111111112";
    private static final String WALLET = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";

    @Test
    void mapsTheFixtureFeeCharged() {
        FeeCharged fee = FareVaultRecords.feeCharged(fixture("FeeCharged"));

        assertThat(fee.getFeeType()).isEqualTo(1);
        assertThat(fee.getPoolId()).isEqualTo(POOL);
        assertThat(fee.getTrialId()).isEqualTo(TRIAL);
        assertThat(fee.getFeeAmount()).isEqualTo(1_500_000L);
        assertThat(fee.getMeta().getEventId()).isEqualTo("solana:sig1:0:0");
    }

    @Test
    void mapsTheFixturePoolRegisteredWithItsF64sAsGiven() {
        PoolRegistered pool = FareVaultRecords.poolRegistered(fixture("PoolRegistered"));

        assertThat(pool.getPoolId()).isEqualTo(POOL);
        assertThat(pool.getManagerAddress())
                .isEqualTo("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
        assertThat(pool.getFeePlayMultiplier()).isEqualTo(0.01);
        assertThat(pool.getFeeLossMultiplier()).isEqualTo(0.02);
        assertThat(pool.getFeeMintMultiplier()).isEqualTo(0.5);
        assertThat(pool.getFeeHostPercent()).isEqualTo(0.15);
        assertThat(pool.getFeePoolPercent()).isEqualTo(0.05);
        assertThat(pool.getMinLimitForTicket()).isEqualTo(100.0);
        assertThat(pool.getProbability()).isEqualTo(0.001);
    }

    @Test
    void mapsTheFixtureJackpotEvents() {
        PoolAccumulatedAmountUpdated update =
                FareVaultRecords.poolAccumulatedAmountUpdated(
                        fixture("PoolAccumulatedAmountUpdated"));
        PoolAccumulatedAmountReleased release =
                FareVaultRecords.poolAccumulatedAmountReleased(
                        fixture("PoolAccumulatedAmountReleased"));

        assertThat(update.getNewAccumulatedAmount()).isEqualTo(123_456_789L);
        assertThat(update.getTrialId()).isEqualTo(TRIAL);
        assertThat(release.getReceiver()).isEqualTo(WALLET);
        assertThat(release.getReleasedAmount()).isEqualTo(987_654_321L);
    }

    @Test
    void mapsEachAdminEventToTheFieldItSets() {
        VaultConfigUpdated network =
                FareVaultRecords.vaultConfigUpdated(
                        envelope("FeeNetworkPercentUpdated", "{\"new_fee_network_percent\":0.5}"));
        VaultConfigUpdated recipient =
                FareVaultRecords.vaultConfigUpdated(
                        envelope(
                                "NetworkFeeRecipientAddressUpdated",
                                "{\"new_network_fee_receipient\":\"" + WALLET + "\"}"));

        assertThat(network.getField()).isEqualTo("fee_network_pct");
        assertThat(network.getValue()).isEqualTo(0.5);
        assertThat(network.getAddress()).isNull();
        assertThat(recipient.getField()).isEqualTo("net_fee_recipient");
        assertThat(recipient.getAddress()).isEqualTo(WALLET);
        assertThat(FareVaultRecords.VAULT_EVENTS).hasSize(6);
    }

    @Test
    void everyRecordRoundTripsThroughItsEnvelope() {
        FeeCharged fee = FareVaultRecords.feeCharged(fixture("FeeCharged"));
        fee.setFeeAmount(-1L); // u64 max survives as unsigned text
        PoolRegistered pool = FareVaultRecords.poolRegistered(fixture("PoolRegistered"));
        VaultConfigUpdated burn =
                FareVaultRecords.vaultConfigUpdated(
                        envelope(
                                "MinimumFeeBurnPercentUpdated",
                                "{\"new_minimum_fee_burn_percent\":0.1}"));

        assertThat(FareVaultRecords.feeCharged(FareVaultRecords.envelope(fee))).isEqualTo(fee);
        assertThat(FareVaultRecords.poolRegistered(FareVaultRecords.envelope(pool)))
                .isEqualTo(pool);
        assertThat(FareVaultRecords.vaultConfigUpdated(FareVaultRecords.envelope(burn)))
                .isEqualTo(burn);
    }

    @Test
    void refusesPayloadsThatBreakTheIdlNamingTheField() {
        assertThatThrownBy(
                        () ->
                                FareVaultRecords.feeCharged(
                                        envelope(
                                                "FeeCharged",
                                                "{\"fee_type\":300,\"pool_id\":\""
                                                        + POOL
                                                        + "\",\"trial_id\":\""
                                                        + TRIAL
                                                        + "\",\"fee_amount\":\"1\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fee_type");
        assertThatThrownBy(
                        () ->
                                FareVaultRecords.poolAccumulatedAmountUpdated(
                                        envelope(
                                                "PoolAccumulatedAmountUpdated",
                                                "{\"pool_id\":\""
                                                        + POOL
                                                        + "\",\"trial_id\":\""
                                                        + TRIAL
                                                        + "\",\"new_accumulated_amount\":12}")))
                .hasMessageContaining("new_accumulated_amount");
        assertThatThrownBy(
                        () ->
                                FareVaultRecords.vaultConfigUpdated(
                                        envelope("AdminAddressUpdated", "{\"new_admin\":\"x\"}")))
                .hasMessageContaining("new_admin");
        assertThatThrownBy(() -> FareVaultRecords.vaultConfigUpdated(envelope("FeeCharged", "{}")))
                .hasMessageContaining("admin event");
    }

    private static ChainEvent fixture(String event) {
        return envelope(event, FareVaultFixtures.vector(event).get("expected_decoded").toString());
    }

    private static ChainEvent envelope(String eventName, String payload) {
        return ChainEvent.newBuilder()
                .setEventId("solana:sig1:0:0")
                .setChain(Chain.SOLANA)
                .setProgram(FareVaultEvents.PROGRAM_ID)
                .setProgramName("fare_vault")
                .setEventName(eventName)
                .setTxSignature("sig1")
                .setSlot(42)
                .setInstructionIndex(0)
                .setEventIndex(0)
                .setEventTime(Instant.parse("2025-10-16T00:00:00Z"))
                .setCommitment("confirmed")
                .setFinality(Finality.OBSERVED)
                .setPayload(payload)
                .build();
    }
}
