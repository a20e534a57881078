package io.chainplay.connectors.solana.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Builds minimal transaction JSON in the shape getBlock/getTransaction return. */
public final class Txs {

    private Txs() {}

    /**
     * A successful transaction whose account keys are {@code keys} and whose top-level instructions
     * invoke {@code keys[i]} for each i in {@code programIndexes}.
     */
    public static ObjectNode tx(
            String signature, List<String> keys, List<Integer> programIndexes, List<String> logs) {
        ObjectNode tx = Fixtures.MAPPER.createObjectNode();
        ObjectNode transaction = tx.putObject("transaction");
        transaction.putArray("signatures").add(signature);
        ObjectNode message = transaction.putObject("message");
        ArrayNode accountKeys = message.putArray("accountKeys");
        keys.forEach(accountKeys::add);
        ArrayNode instructions = message.putArray("instructions");
        for (int index : programIndexes) {
            ObjectNode ix = instructions.addObject();
            ix.putArray("accounts");
            ix.put("data", "1");
            ix.put("programIdIndex", index);
            ix.put("stackHeight", 1);
        }
        ObjectNode meta = tx.putObject("meta");
        meta.putNull("err");
        meta.putArray("innerInstructions");
        ArrayNode logMessages = meta.putArray("logMessages");
        logs.forEach(logMessages::add);
        ObjectNode loaded = meta.putObject("loadedAddresses");
        loaded.putArray("writable");
        loaded.putArray("readonly");
        return tx;
    }

    /** The {@code result} of a getTransaction response fixture, as a mutable copy. */
    public static ObjectNode result(String fixture) {
        return (ObjectNode) Fixtures.json(fixture).get("result").deepCopy();
    }

    public static ArrayNode logs(JsonNode tx) {
        return (ArrayNode) tx.get("meta").get("logMessages");
    }
}
