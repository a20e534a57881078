package io.chainplay.pipelines.casino;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional names of the casinos: which pool is which casino (name, slug) and game, from the
 * configuration ({@code chainplay.casino.pools}). The chain knows pools only by their id; a pool
 * missing here is still computed on, with its id as its game.
 *
 * <p>Format: one spec per pool separated by {@code ;}, each {@code key=value} pairs separated by
 * {@code ,}: {@code pool=<base58 id>, name=Coin Flip, slug=coin-flip, game=coinflip}.
 */
public final class PoolRegistry implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One casino.
     *
     * @param poolId the fare_vault pool id
     * @param name display name, or null
     * @param slug URL name, or null
     * @param game the game type FarePlay's feed calls {@code gameType}, or null
     */
    public record Entry(String poolId, String name, String slug, String game)
            implements Serializable {}

    private final Map<String, Entry> entries;

    private PoolRegistry(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static PoolRegistry empty() {
        return new PoolRegistry(new LinkedHashMap<>());
    }

    public static PoolRegistry of(List<Entry> entries) {
        Map<String, Entry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.poolId(), e));
        return new PoolRegistry(map);
    }

    /**
     * Parses the configuration value.
     *
     * @throws IllegalArgumentException naming the spec and key that are wrong
     */
    public static PoolRegistry parse(String specs) {
        Map<String, Entry> map = new LinkedHashMap<>();
        if (specs == null || specs.isBlank()) {
            return new PoolRegistry(map);
        }
        for (String spec : specs.split(";")) {
            if (spec.isBlank()) {
                continue;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            "Pool spec '"
                                    + spec.trim()
                                    + "': expected key=value, got '"
                                    + pair
                                    + "'");
                }
                String key = pair.substring(0, eq).trim();
                if (!List.of("pool", "name", "slug", "game").contains(key)) {
                    throw new IllegalArgumentException(
                            "Pool spec '"
                                    + spec.trim()
                                    + "': unknown key '"
                                    + key
                                    + "' (pool, name, slug, game)");
                }
                keys.put(key, pair.substring(eq + 1).trim());
            }
            String pool = keys.get("pool");
            if (pool == null || pool.isEmpty()) {
                throw new IllegalArgumentException(
                        "Pool spec '" + spec.trim() + "' has no pool=<id>");
            }
            map.put(pool, new Entry(pool, keys.get("name"), keys.get("slug"), keys.get("game")));
        }
        return new PoolRegistry(map);
    }

    /** The pool's entry, or null. */
    public Entry get(String poolId) {
        return entries.get(poolId);
    }

    /** The pool's game where known, else the pool id: the feed's {@code gameType}. */
    public String gameType(String poolId) {
        Entry entry = entries.get(poolId);
        return entry != null && entry.game() != null ? entry.game() : poolId;
    }
}
