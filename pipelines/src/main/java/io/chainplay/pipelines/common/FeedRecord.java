package io.chainplay.pipelines.common;

import java.util.Objects;

/**
 * One message for a {@code feed.*} topic: the key (a player wallet) and the JSON text in FarePlay's
 * shape, built with {@link io.chainplay.schemas.feed.FeedMessage}.
 */
public class FeedRecord {
    public String key;
    public String json;

    public FeedRecord() {}

    public FeedRecord(String key, String json) {
        this.key = key;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeedRecord
                && Objects.equals(key, ((FeedRecord) o).key)
                && Objects.equals(json, ((FeedRecord) o).json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, json);
    }

    @Override
    public String toString() {
        return json;
    }
}
