package io.chainplay.connectors.exchange.account;

import io.chainplay.connectors.exchange.signing.Felts;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.connectors.exchange.signing.StarkSigner;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * One Extended sub-account's credentials: the REST API key, the vault (collateral position) its
 * orders settle in, and its Stark key pair.
 *
 * <p>Loaded from configuration only, never written in code: environment variables, or a properties
 * file with the same keys (see {@link #fromSettings}). Each secret may instead be read from a file
 * named by {@code <KEY>_FILE} (Docker/Kubernetes secrets). {@link #toString()} shows the vault and
 * public key and redacts the rest; no message built here contains a secret.
 */
public final class ExtendedAccount {

    public static final String API_KEY = "EXTENDED_API_KEY";
    public static final String VAULT = "EXTENDED_VAULT";
    public static final String STARK_PRIVATE_KEY = "EXTENDED_STARK_PRIVATE_KEY";
    public static final String STARK_PUBLIC_KEY = "EXTENDED_STARK_PUBLIC_KEY";
    private static final String FILE_SUFFIX = "_FILE";

    private final String apiKey;
    private final long vault;
    private final StarkPrivateKey privateKey;
    private final StarkSigner signer;

    public ExtendedAccount(String apiKey, long vault, StarkPrivateKey privateKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        if (vault < 0) {
            throw new AccountConfigException(VAULT + " must be a non-negative integer");
        }
        this.vault = vault;
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.signer = new StarkSigner(privateKey);
    }

    /** Reads the account from this process's environment variables. */
    public static ExtendedAccount fromEnvironment() {
        return fromSettings(System.getenv());
    }

    /** Reads the account from a properties file whose keys are the variable names. */
    public static ExtendedAccount fromPropertiesFile(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new AccountConfigException(
                    "cannot read Extended account file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new HashMap<>();
        props.stringPropertyNames().forEach(k -> settings.put(k, props.getProperty(k)));
        return fromSettings(settings);
    }

    /**
     * Reads the account from settings:
     *
     * <ul>
     *   <li>{@code EXTENDED_API_KEY} (or {@code EXTENDED_API_KEY_FILE}): the API key;
     *   <li>{@code EXTENDED_VAULT}: the vault number, the sub-account's collateral position;
     *   <li>{@code EXTENDED_STARK_PRIVATE_KEY} (or {@code EXTENDED_STARK_PRIVATE_KEY_FILE}): the
     *       Stark private key, 0x-hex;
     *   <li>{@code EXTENDED_STARK_PUBLIC_KEY} (optional): if set, must be the private key's public
     *       key, which catches keys copied from two different sub-accounts.
     * </ul>
     *
     * @throws AccountConfigException naming the setting that is missing or wrong
     */
    public static ExtendedAccount fromSettings(Map<String, String> settings) {
        String apiKey = secret(settings, API_KEY);
        long vault = vault(settings);
        StarkPrivateKey key;
        try {
            key = StarkPrivateKey.fromHex(secret(settings, STARK_PRIVATE_KEY));
        } catch (AccountConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // StarkPrivateKey's messages never contain the key.
            throw new AccountConfigException(STARK_PRIVATE_KEY + ": " + e.getMessage(), e);
        }
        String expectedPublic = settings.get(STARK_PUBLIC_KEY);
        if (expectedPublic != null && !expectedPublic.isBlank()) {
            BigInteger expected;
            try {
                expected = Felts.parse(expectedPublic, STARK_PUBLIC_KEY);
            } catch (IllegalArgumentException e) {
                throw new AccountConfigException(e.getMessage(), e);
            }
            if (!expected.equals(key.publicKey())) {
                throw new AccountConfigException(
                        STARK_PUBLIC_KEY
                                + " is "
                                + Felts.hex(expected)
                                + " but "
                                + STARK_PRIVATE_KEY
                                + " belongs to "
                                + key.publicKeyHex()
                                + ": both must come from the same sub-account's API management"
                                + " page");
            }
        }
        return new ExtendedAccount(apiKey, vault, key);
    }

    public String apiKey() {
        return apiKey;
    }

    /** The vault: the collateral position id every order of this account settles in. */
    public long vault() {
        return vault;
    }

    public BigInteger starkPublicKey() {
        return privateKey.publicKey();
    }

    /** Signs message hashes with this account's Stark key. */
    public StarkSigner signer() {
        return signer;
    }

    @Override
    public String toString() {
        return "ExtendedAccount[vault="
                + vault
                + ", starkPublicKey="
                + privateKey.publicKeyHex()
                + ", apiKey=<redacted>, starkPrivateKey=<redacted>]";
    }

    private static long vault(Map<String, String> settings) {
        String raw = settings.get(VAULT);
        if (raw == null || raw.isBlank()) {
            throw new AccountConfigException(
                    VAULT
                            + " is not set: use the vault number shown for the sub-account on"
                            + " Extended's API management page");
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new AccountConfigException(
                    VAULT
                            + " must be a non-negative integer (the vault number); got '"
                            + raw
                            + "'");
        }
    }

    /** A secret from {@code KEY}, or from the file {@code KEY_FILE} names; never echoed. */
    private static String secret(Map<String, String> settings, String name) {
        String direct = settings.get(name);
        String file = settings.get(name + FILE_SUFFIX);
        if (direct != null && !direct.isBlank() && file != null && !file.isBlank()) {
            throw new AccountConfigException(
                    "both " + name + " and " + name + FILE_SUFFIX + " are set; set only one");
        }
        if (direct != null && !direct.isBlank()) {
            return direct.trim();
        }
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file.trim());
            try {
                String value = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (value.isEmpty()) {
                    throw new AccountConfigException(
                            name + FILE_SUFFIX + " names " + path + ", which is empty");
                }
                return value;
            } catch (IOException e) {
                throw new AccountConfigException(
                        "cannot read " + name + FILE_SUFFIX + " (" + path + "): " + e, e);
            }
        }
        throw new AccountConfigException(
                name + " is not set (nor " + name + FILE_SUFFIX + " naming a file holding it)");
    }
}
