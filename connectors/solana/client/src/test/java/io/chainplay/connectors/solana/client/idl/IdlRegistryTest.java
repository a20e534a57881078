package io.chainplay.connectors.solana.client.idl;

import io.chainplay.connectors.solana.client.testing.Fixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdlRegistryTest {

    static final String PUMP = Fixtures.PUMP;

    @Test
    void versionsCoverSlotRanges() {
        IdlRegistry registry =
                IdlRegistry.builder()
                        .add(PUMP, Fixtures.idl(Fixtures.PUMP_LATEST_IDL), 300, null, "v2")
                        .add(PUMP, Fixtures.idl(Fixtures.PUMP_OLD_IDL), 100, null, "v1")
                        .build();

        assertThat(registry.resolve(PUMP, 99)).isEmpty();
        assertThat(registry.resolve(PUMP, 100).orElseThrow().label()).isEqualTo("v1");
        assertThat(registry.resolve(PUMP, 299).orElseThrow().label()).isEqualTo("v1");
        assertThat(registry.resolve(PUMP, 300).orElseThrow().label()).isEqualTo("v2");
        assertThat(registry.resolve(PUMP, Long.MAX_VALUE - 1).orElseThrow().label())
                .isEqualTo("v2");
        assertThat(registry.resolve(Fixtures.PUMP_AMM, 300)).isEmpty();
        assertThat(registry.versions(PUMP))
                .extracting(ProgramIdl::fromSlot, ProgramIdl::untilSlot)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(100L, 300L),
                        org.assertj.core.groups.Tuple.tuple(300L, Long.MAX_VALUE));
        assertThat(registry.versions(PUMP).get(0).covers(299)).isTrue();
        assertThat(registry.versions(PUMP).get(0).covers(300)).isFalse();
    }

    @Test
    void fromSpecs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pump.json");
        Files.writeString(file, Fixtures.text(Fixtures.PUMP_OLD_IDL));

        IdlRegistry registry =
                IdlRegistry.fromSpecs(
                        List.of(
                                "idl=classpath:fixtures/fareplay/fare_vault.idl.json",
                                "program=" + PUMP + ", idl=" + file + ", fromSlot=0, label=pump-v1",
                                "program="
                                        + PUMP
                                        + ",idl=classpath:fixtures/"
                                        + Fixtures.PUMP_LATEST_IDL
                                        + ",fromSlot=370_000_000",
                                "program="
                                        + Fixtures.RAYDIUM_CLMM
                                        + ", idl=classpath:fixtures/"
                                        + Fixtures.RAYDIUM_IDL
                                        + ", name=raydium_clmm"));

        assertThat(registry.programIds())
                .containsExactly(Fixtures.FARE_VAULT, PUMP, Fixtures.RAYDIUM_CLMM);
        assertThat(registry.resolve(Fixtures.FARE_VAULT, 0).orElseThrow().label())
                .isEqualTo("fare_vault@0");
        assertThat(registry.resolve(PUMP, 369_999_999).orElseThrow().label()).isEqualTo("pump-v1");
        assertThat(registry.resolve(PUMP, 370_000_000).orElseThrow().label())
                .isEqualTo("pump@370000000");
        assertThat(registry.resolve(Fixtures.RAYDIUM_CLMM, 1).orElseThrow().programName())
                .isEqualTo("raydium_clmm");
    }

    @Test
    void configurationErrorsSayWhatToFix() {
        assertThatThrownBy(() -> IdlRegistry.builder().build())
                .isInstanceOf(IdlException.class)
                .hasMessageContaining("No program IDL configured");
        assertThatThrownBy(
                        () ->
                                IdlRegistry.fromSpecs(
                                        List.of("idl=classpath:fixtures/" + Fixtures.RAYDIUM_IDL)))
                .hasMessageContaining(
                        "(legacy format) states no address: set program=<base58 program id>");
        assertThatThrownBy(
                        () ->
                                IdlRegistry.fromSpecs(
                                        List.of(
                                                "program=xyz, idl=classpath:fixtures/"
                                                        + Fixtures.RAYDIUM_IDL)))
                .hasMessageContaining("program id 'xyz' is not a base58 public key");
        assertThatThrownBy(() -> IdlRegistry.fromSpecs(List.of("program=" + PUMP)))
                .hasMessageContaining("has no idl=<path or classpath:resource>");
        assertThatThrownBy(() -> IdlRegistry.fromSpecs(List.of("idl=/nope/missing.json")))
                .hasMessageContaining("IDL file not found: /nope/missing.json");
        assertThatThrownBy(() -> IdlRegistry.fromSpecs(List.of("idl=classpath:nope.json")))
                .hasMessageContaining("not found on the classpath: nope.json");
        assertThatThrownBy(
                        () ->
                                IdlRegistry.fromSpecs(
                                        List.of(
                                                "idl=classpath:fixtures/"
                                                        + Fixtures.PUMP_OLD_IDL
                                                        + ", from=3")))
                .hasMessageContaining("unknown key 'from'");
        assertThatThrownBy(
                        () ->
                                IdlRegistry.fromSpecs(
                                        List.of(
                                                "idl=classpath:fixtures/"
                                                        + Fixtures.PUMP_OLD_IDL
                                                        + ", fromSlot=soon")))
                .hasMessageContaining("fromSlot must be a slot number");
        assertThatThrownBy(
                        () ->
                                IdlRegistry.builder()
                                        .add(PUMP, Fixtures.idl(Fixtures.PUMP_OLD_IDL), 5)
                                        .add(PUMP, Fixtures.idl(Fixtures.PUMP_LATEST_IDL), 5)
                                        .build())
                .hasMessageContaining("two IDL versions from slot 5");
    }
}
