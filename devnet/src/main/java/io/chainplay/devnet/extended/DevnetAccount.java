package io.chainplay.devnet.extended;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An Extended sub-account the devnet serves: its API key (header {@code X-Api-Key}), account id,
 * vault (the collateral position every order must settle in) and Stark public key (the key every
 * order signature must verify against), and its starting USD balance.
 */
public record DevnetAccount(
        String apiKey,
        long accountId,
        long vault,
        BigInteger starkPublicKey,
        BigDecimal initialBalance) {

    public DevnetAccount {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(starkPublicKey, "starkPublicKey");
        Objects.requireNonNull(initialBalance, "initialBalance");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("an account needs a non-blank API key");
        }
        if (vault < 0) {
            throw new IllegalArgumentException("vault must not be negative, got " + vault);
        }
    }

    @Override
    public String toString() {
        // The API key is a secret of the account's owner even on a devnet: keep it out of logs.
        return "DevnetAccount[accountId="
                + accountId
                + ", vault="
                + vault
                + ", starkPublicKey=0x"
                + starkPublicKey.toString(16)
                + "]";
    }
}
