package io.chainplay.connectors.solana.client.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A confirmed block as {@code getBlock} returns it (https://solana.com/docs/rpc/http/getblock).
 *
 * @param slot the slot asked for (the response itself does not repeat it)
 * @param blockhash the block's hash (base58)
 * @param previousBlockhash the parent block's hash
 * @param parentSlot the parent's slot (lower than {@code slot - 1} after skipped slots)
 * @param blockTime estimated production time, Unix seconds, or null when unknown
 * @param blockHeight the number of blocks beneath this one, or null on old ledgers
 * @param transactions the transactions in block order, each {@code {transaction, meta, version}} in
 *     {@code json} encoding; empty for a header fetched without transactions
 */
public record Block(
        long slot,
        String blockhash,
        String previousBlockhash,
        long parentSlot,
        Long blockTime,
        Long blockHeight,
        List<JsonNode> transactions) {

    public Block {
        transactions = List.copyOf(transactions);
    }
}
