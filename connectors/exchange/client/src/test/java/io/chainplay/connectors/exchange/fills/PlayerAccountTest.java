package io.chainplay.connectors.exchange.fills;

import io.chainplay.connectors.exchange.account.AccountConfigException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlayerAccountTest {

    static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    static final String SECRET = "0123456789abcdef-secret-api-key";

    @Test
    void entriesParseAndKeysResolveFromEnvAndFile(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, SECRET + "\n");
        List<PlayerAccount> accounts =
                PlayerAccount.parseAll(
                        List.of(
                                "3001:" + WALLET + ":env:KEY_3001",
                                " 3002 : " + WALLET + " :file:" + keyFile));

        assertThat(accounts).extracting(PlayerAccount::accountId).containsExactly(3001L, 3002L);
        assertThat(accounts.get(0).apiKey().resolve(Map.of("KEY_3001", SECRET))).isEqualTo(SECRET);
        assertThat(accounts.get(1).apiKey().resolve(Map.of())).isEqualTo(SECRET);
        assertThat(accounts.get(1).toString()).contains("file:" + keyFile).doesNotContain(SECRET);
    }

    @Test
    void theKeyNeverShows(@TempDir Path dir) {
        PlayerAccount literal = new PlayerAccount(1, WALLET, ApiKeyRef.literal(SECRET));
        assertThat(literal.toString()).doesNotContain(SECRET).contains("<redacted>");
        // A key pasted where a reference belongs is refused without being echoed.
        assertThatThrownBy(() -> PlayerAccount.parse("1:" + WALLET + ":" + SECRET))
                .isInstanceOf(AccountConfigException.class)
                .hasMessageContaining("env:VARIABLE or file:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> ApiKeyRef.env("MISSING_VAR").resolve(Map.of()))
                .hasMessageContaining("MISSING_VAR");
        assertThatThrownBy(() -> ApiKeyRef.file(dir.resolve("none").toString()).resolve(Map.of()))
                .hasMessageContaining("cannot read API key file");
    }

    @Test
    void badEntriesSayWhatToFix() {
        assertThatThrownBy(() -> PlayerAccount.parse("3001:" + WALLET))
                .hasMessageContaining("accountId:playerWallet:env:VARIABLE");
        assertThatThrownBy(() -> PlayerAccount.parse("abc:" + WALLET + ":env:K"))
                .hasMessageContaining("account id must be an integer");
        assertThatThrownBy(() -> PlayerAccount.parse("3001:0xabc:env:K"))
                .hasMessageContaining("base58 wallet");
        assertThatThrownBy(
                        () ->
                                PlayerAccount.parseAll(
                                        List.of(
                                                "1:" + WALLET + ":env:A",
                                                "1:" + WALLET + ":env:B")))
                .hasMessageContaining("account 1 is configured twice");
    }
}
