package io.chainplay.devnet.extended;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtendedDevnetMainTest {

    @Test
    void optionsReachTheBuilder() {
        ExtendedDevnet.Builder b =
                ExtendedDevnetMain.parse(
                        new String[] {
                            "--port", "0", "--stream-port", "0", "--account", "k1:7:0x61c5",
                            "--account", "k2:8:0x2a", "--scheme", "starkex", "--chain", "SN_MAIN",
                            "--seed", "5", "--latency", "0.5:200", "--server-errors", "0.1"
                        });
        assertThat(b.port).isZero();
        assertThat(b.accounts).extracting(DevnetAccount::apiKey).containsExactly("k1", "k2");
        assertThat(b.accounts.get(0).vault()).isEqualTo(7);
        assertThat(b.accounts.get(0).starkPublicKey()).isEqualTo(new BigInteger("61c5", 16));
        assertThat(b.scheme).isEqualTo(SignatureScheme.STARKEX);
        assertThat(b.domain.chainId()).isEqualTo("SN_MAIN");
        assertThat(b.seed).isEqualTo(5);
    }

    @Test
    void withoutAccountsTheDemoAccountServes() {
        ExtendedDevnet.Builder b = ExtendedDevnetMain.parse(new String[0]);
        assertThat(b.port).isEqualTo(8090);
        assertThat(b.streamPort).isEqualTo(8091);
        assertThat(b.accounts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.apiKey()).isEqualTo("devnet-api-key");
                            assertThat(a.vault()).isEqualTo(10002);
                            assertThat("0x" + a.starkPublicKey().toString(16))
                                    .isEqualTo(ExtendedDevnetMain.DEMO_STARK_KEY);
                        });
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> ExtendedDevnetMain.parse(new String[] {"--account", "k:1"}))
                .hasMessageContaining("<api-key>:<vault>:<0x-stark-public-key>");
        assertThatThrownBy(() -> ExtendedDevnetMain.parse(new String[] {"--port"}))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ExtendedDevnetMain.parse(new String[] {"--nope", "1"}))
                .hasMessageContaining("unknown option --nope");
        assertThat(ExtendedDevnetMain.parse(new String[] {"--help"})).isNull();
    }
}
