package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.Poseidon;
import com.swmansion.starknet.data.types.Felt;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A SNIP-12 (revision 1) {@code StarknetDomain}: the name, version, chain and revision that bind a
 * signed message to one application on one network.
 *
 * <p>Extended's perpetuals sign under {@code Perpetuals / v0 / <chain> / 1}: {@link #SEPOLIA} is
 * the testnet domain the reference vectors use; {@link #MAINNET} the production one. Take the
 * exchange's own answer over these constants when it publishes one.
 */
public record Snip12Domain(String name, String version, String chainId, long revision) {

    public static final Snip12Domain SEPOLIA =
            new Snip12Domain("Perpetuals", "v0", "SN_SEPOLIA", 1);
    public static final Snip12Domain MAINNET = new Snip12Domain("Perpetuals", "v0", "SN_MAIN", 1);

    /** The revision-1 type string; every field is a shortstring, revision included. */
    static final String TYPE =
            "\"StarknetDomain\"(\"name\":\"shortstring\",\"version\":\"shortstring\","
                    + "\"chainId\":\"shortstring\",\"revision\":\"shortstring\")";

    public Snip12Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(chainId, "chainId");
        for (String s : List.of(name, version, chainId)) {
            if (s.isEmpty() || s.length() > 31 || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(
                        "SNIP-12 domain fields are short strings (1-31 ASCII characters); got '"
                                + s
                                + "'");
            }
        }
    }

    /** poseidon(selector(type), name, version, chainId, revision). */
    public BigInteger hash() {
        return Poseidon.poseidonHash(
                        List.of(
                                Snip12Messages.selector(TYPE),
                                Felt.fromShortString(name),
                                Felt.fromShortString(version),
                                Felt.fromShortString(chainId),
                                Felts.felt(revision)))
                .getValue();
    }
}
