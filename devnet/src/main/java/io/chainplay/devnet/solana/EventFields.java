package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an event's fields twice at once: as Borsh bytes and as the canonical JSON a decoder of the
 * IDL is expected to produce.
 *
 * <p>Canonical JSON: field names as in the IDL; integers of 64 bits and wider as decimal strings
 * (u64 read unsigned), narrower ones as numbers; f64 as numbers; pubkeys base58; a tuple struct as
 * an object keyed "0", "1", ... — FarePlay's {@code QK(Vec<[f64; 2]>)} is {@code {"0": [[q, k],
 * ...]}}, as Anchor's TypeScript coder renders it.
 */
final class EventFields {

    private final BorshWriter borsh = new BorshWriter();
    private final ObjectNode json = JsonNodeFactory.instance.objectNode();

    EventFields pubkey(String name, String base58) {
        borsh.pubkey(base58);
        json.put(name, base58);
        return this;
    }

    EventFields u8(String name, int value) {
        borsh.u8(value);
        json.put(name, value);
        return this;
    }

    EventFields u16(String name, int value) {
        borsh.u16(value);
        json.put(name, value);
        return this;
    }

    EventFields u64(String name, long value) {
        borsh.u64(value);
        json.put(name, Long.toUnsignedString(value));
        return this;
    }

    EventFields i64(String name, long value) {
        borsh.i64(value);
        json.put(name, Long.toString(value));
        return this;
    }

    EventFields f64(String name, double value) {
        borsh.f64(value);
        json.put(name, value);
        return this;
    }

    EventFields string(String name, String value) {
        borsh.string(value);
        json.put(name, value);
        return this;
    }

    /** FarePlay's {@code QK}: a tuple struct around {@code Vec<[f64; 2]>}. */
    EventFields qk(String name, double[][] pairs) {
        borsh.vecLength(pairs.length);
        ArrayNode rows = json.putObject(name).putArray("0");
        for (double[] pair : pairs) {
            if (pair.length != 2) {
                throw new IllegalArgumentException("A QK entry is [q, k], got " + pair.length);
            }
            borsh.f64(pair[0]).f64(pair[1]);
            rows.addArray().add(pair[0]).add(pair[1]);
        }
        return this;
    }

    byte[] borsh() {
        return borsh.toByteArray();
    }

    ObjectNode json() {
        return json;
    }
}
