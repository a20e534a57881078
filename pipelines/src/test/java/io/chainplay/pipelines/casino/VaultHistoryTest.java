package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.BOB;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.vaultAddress;
import static io.chainplay.pipelines.casino.CasinoFixtures.vaultValue;
import static org.assertj.core.api.Assertions.assertThat;

class VaultHistoryTest {

    private KeyedOneInputStreamOperatorTestHarness<String, CasinoEvent, TableRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new VaultHistory(Duration.ofMinutes(10))),
                        event -> "vault",
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void keepsEachFieldsLatestValueByChainOrder() throws Exception {
        send(vaultAddress("AdminAddressUpdated", ALICE, T0, "admin-1"));
        send(vaultValue("FeeNetworkPercentUpdated", 0.3, T0 + 4_000, "admin-3"));
        send(vaultValue("FeeNetworkPercentUpdated", 0.5, T0, "admin-2")); // older, arrives late

        TableRow config = last(CasinoTables.VAULT_CONFIG);
        assertThat(config.get("admin")).isEqualTo(ALICE);
        assertThat(config.get("fee_network_pct")).isEqualTo("0.3");
        assertThat(config.get("updated_at")).isEqualTo(CasinoTables.time(T0 + 4_000));
        assertThat(rows(CasinoTables.VAULT_EVENTS)).hasSize(3);
    }

    @Test
    void aRetractedChangeFallsBackToTheValueBefore() throws Exception {
        send(vaultValue("FeeNetworkPercentUpdated", 0.5, T0, "admin-1"));
        CasinoEvent update = vaultAddress("ResolverAddressUpdated", BOB, T0 + 400, "admin-2");
        CasinoEvent network = vaultValue("FeeNetworkPercentUpdated", 0.3, T0 + 400, "admin-3");
        send(update);
        send(network);

        send(network.withKind(EventKind.RETRACTED));

        assertThat(last(CasinoTables.VAULT_CONFIG).get("fee_network_pct")).isEqualTo("0.5");
        assertThat(last(CasinoTables.VAULT_CONFIG).get("resolver")).isEqualTo(BOB);
        assertThat(last(CasinoTables.VAULT_EVENTS).deleted).isTrue();
    }

    private void send(CasinoEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime));
    }

    private List<TableRow> rows(CasinoTables.Table table) {
        return harness.extractOutputValues().stream()
                .filter(r -> r.table.equals(table.name()))
                .toList();
    }

    private TableRow last(CasinoTables.Table table) {
        List<TableRow> rows = rows(table);
        return rows.get(rows.size() - 1);
    }
}
