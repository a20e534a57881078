package io.chainplay.connectors.solana.client.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code getTransaction} result (https://solana.com/docs/rpc/http/gettransaction).
 *
 * @param slot the slot the transaction was processed in
 * @param blockTime Unix seconds, or null
 * @param result the whole result object ({@code slot}, {@code blockTime}, {@code transaction},
 *     {@code meta}, {@code version}), in the shape the transaction decoder reads
 */
public record TransactionResponse(long slot, Long blockTime, JsonNode result) {}
