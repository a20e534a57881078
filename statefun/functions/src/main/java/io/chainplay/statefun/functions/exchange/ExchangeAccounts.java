package io.chainplay.statefun.functions.exchange;

import io.chainplay.connectors.exchange.account.AccountConfigException;
import io.chainplay.connectors.exchange.account.ExtendedAccount;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The exchange account each player trades through: player wallet → Extended API key, vault and
 * Stark private key, read from a properties file.
 *
 * <pre>
 * # &lt;player wallet&gt;.&lt;EXTENDED_... key of ExtendedAccount&gt;=value
 * 9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM.EXTENDED_API_KEY=...
 * 9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM.EXTENDED_VAULT=10002
 * 9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM.EXTENDED_STARK_PRIVATE_KEY=0x...
 * </pre>
 *
 * <p>Each player's settings are those of {@link ExtendedAccount#fromSettings}, so a secret may also
 * be given as {@code <wallet>.EXTENDED_API_KEY_FILE=/run/secrets/...}. Errors name the player and
 * the key, never a value; {@link #toString()} lists players only.
 */
public final class ExchangeAccounts {

    private final Map<String, ExtendedAccount> byPlayer;

    public ExchangeAccounts(Map<String, ExtendedAccount> byPlayer) {
        this.byPlayer = Collections.unmodifiableMap(new TreeMap<>(byPlayer));
    }

    public static ExchangeAccounts none() {
        return new ExchangeAccounts(Map.of());
    }

    /** Reads the accounts file; fails naming the player whose entry is wrong. */
    public static ExchangeAccounts fromFile(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new AccountConfigException(
                    "cannot read exchange accounts file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> settings = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                throw new AccountConfigException(
                        "exchange accounts file "
                                + file
                                + ": key '"
                                + name
                                + "' is not <player wallet>.<setting>");
            }
            settings.computeIfAbsent(name.substring(0, dot), p -> new HashMap<>())
                    .put(name.substring(dot + 1), props.getProperty(name).trim());
        }
        Map<String, ExtendedAccount> accounts = new HashMap<>();
        settings.forEach(
                (player, s) -> {
                    try {
                        accounts.put(player, ExtendedAccount.fromSettings(s));
                    } catch (AccountConfigException e) {
                        throw new AccountConfigException(
                                "exchange account of player " + player + ": " + e.getMessage(), e);
                    }
                });
        return new ExchangeAccounts(accounts);
    }

    public Optional<ExtendedAccount> of(String player) {
        return Optional.ofNullable(byPlayer.get(player));
    }

    public int size() {
        return byPlayer.size();
    }

    @Override
    public String toString() {
        return "ExchangeAccounts" + byPlayer.keySet();
    }
}
