package io.chainplay.devnet.solana;

import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PdaTest {

    /**
     * The real pump-AMM transaction (agavesim JSON2) has an emit_cpi! inner instruction: its one
     * account is the program's event authority, which the derivation must reproduce.
     */
    @Test
    void eventAuthorityMatchesTheRecordedEmitCpiAccount() {
        JsonNode result =
                TestRpc.fixture("solana/agavesim__JSON2_getTransaction_5bvyp1nob51M.json")
                        .get("result");
        JsonNode keys = result.get("transaction").get("message").get("accountKeys");
        JsonNode emitCpi = null;
        for (JsonNode inner : result.get("meta").get("innerInstructions")) {
            for (JsonNode instruction : inner.get("instructions")) {
                byte[] data = Base58.decode(instruction.get("data").asText());
                if (data.length > 8
                        && HexFormat.of().formatHex(data, 0, 8).equals("e445a52e51cb9a1d")) {
                    emitCpi = instruction;
                }
            }
        }
        assertThat(emitCpi).isNotNull();
        String program = keys.get(emitCpi.get("programIdIndex").asInt()).asText();
        String authority = keys.get(emitCpi.get("accounts").get(0).asInt()).asText();
        assertThat(program).isEqualTo("pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA");
        assertThat(Pda.find(program, Anchor.EVENT_AUTHORITY_SEED)).isEqualTo(authority);
    }

    @Test
    void walletsAreOnTheCurveAndDerivedAddressesAreNot() {
        // The fee payer of a real mainnet transaction is an ed25519 public key.
        assertThat(Pda.isOnCurve(Base58.decode("98QXkwe6DThTsTq7tukKF4g9Wc6WnRbZyTBZ1iBupY39")))
                .isTrue();
        String pda = Pda.find(FareVaultProgram.PROGRAM_ID, "vault_state");
        assertThat(Pda.isOnCurve(Base58.decode(pda))).isFalse();
        assertThat(Base58.decode(pda)).hasSize(32);
    }
}
