package io.chainplay.connectors.exchange.fills;

import io.chainplay.connectors.exchange.account.AccountConfigException;
import io.chainplay.schemas.solana.Base58;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One Extended sub-account whose fills are read, the player wallet it trades for, and where its API
 * key is read from.
 *
 * <p>Each player trades through their own sub-account, so the account id alone says whose a fill
 * is. Written in configuration as {@code accountId:playerWallet:env:VARIABLE} or {@code
 * accountId:playerWallet:file:/path/to/key}; {@link #toString()} shows the reference, never the
 * key.
 *
 * @param accountId Extended's account id (GET /api/v1/user/account/info, {@code accountId})
 * @param player the player's wallet, base58 (a Solana public key)
 * @param apiKey where the account's API key is read from
 */
public record PlayerAccount(long accountId, String player, ApiKeyRef apiKey)
        implements Serializable {

    public PlayerAccount {
        if (accountId <= 0) {
            throw new AccountConfigException("account id must be positive, got " + accountId);
        }
        if (!Base58.isPublicKey(player)) {
            throw new AccountConfigException(
                    "player of account "
                            + accountId
                            + " must be a base58 wallet address (32 bytes), got '"
                            + player
                            + "'");
        }
        if (apiKey == null) {
            throw new AccountConfigException("account " + accountId + " has no API key reference");
        }
    }

    /** Parses {@code accountId:playerWallet:env:NAME} or {@code ...:file:PATH}. */
    public static PlayerAccount parse(String entry) {
        String[] parts = entry.trim().split(":", 3);
        if (parts.length < 3) {
            throw new AccountConfigException(
                    "account entry must be accountId:playerWallet:env:VARIABLE or"
                            + " accountId:playerWallet:file:/path, got "
                            + parts.length
                            + " part(s)");
        }
        long id;
        try {
            id = Long.parseLong(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new AccountConfigException(
                    "account id must be an integer, got '" + parts[0].trim() + "'");
        }
        return new PlayerAccount(id, parts[1].trim(), ApiKeyRef.parse(parts[2].trim()));
    }

    /** Parses several entries and refuses an account configured twice. */
    public static List<PlayerAccount> parseAll(List<String> entries) {
        List<PlayerAccount> accounts = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            PlayerAccount account = parse(entry);
            if (!seen.add(account.accountId())) {
                throw new AccountConfigException(
                        "account " + account.accountId() + " is configured twice");
            }
            accounts.add(account);
        }
        return accounts;
    }

    @Override
    public String toString() {
        return "PlayerAccount[" + accountId + " -> " + player + ", apiKey=" + apiKey + "]";
    }
}
