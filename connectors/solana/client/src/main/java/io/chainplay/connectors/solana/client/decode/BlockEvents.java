package io.chainplay.connectors.solana.client.decode;

import java.util.List;

/**
 * What one block gave: the events of configured programs in block order, the failures, and counts
 * for metrics.
 *
 * @param slot the block's slot
 * @param blockhash the block's hash, or null
 * @param blockTime Unix seconds, or null
 * @param events events ordered by (transaction, instruction, event index)
 * @param failures failures in the same order
 * @param transactions transactions in the block
 * @param relevantTransactions successful transactions that touch a configured program
 * @param failedTransactionsSkipped failed transactions that touch a configured program (skipped:
 *     their effects were reverted)
 * @param malformedTransactions transactions whose JSON could not be read
 */
public record BlockEvents(
        long slot,
        String blockhash,
        Long blockTime,
        List<DecodedEvent> events,
        List<DecodeFailure> failures,
        int transactions,
        int relevantTransactions,
        int failedTransactionsSkipped,
        int malformedTransactions) {

    public BlockEvents {
        events = List.copyOf(events);
        failures = List.copyOf(failures);
    }
}
