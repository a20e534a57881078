package io.chainplay.connectors.solana.source;

import io.chainplay.connectors.solana.client.decode.BlockEvents;
import io.chainplay.connectors.solana.client.decode.DecodeFailure;
import io.chainplay.connectors.solana.client.decode.DecodedEvent;
import io.chainplay.connectors.solana.client.decode.TransactionDecoder;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.idl.ProgramIdl;
import io.chainplay.connectors.solana.client.rpc.BlockFetch;
import io.chainplay.connectors.solana.client.rpc.BlockNotAvailableException;
import io.chainplay.connectors.solana.client.rpc.Commitment;
import io.chainplay.connectors.solana.client.rpc.HttpSolanaRpc;
import io.chainplay.connectors.solana.client.rpc.RpcException;
import io.chainplay.connectors.solana.client.rpc.SolanaRpc;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Solana source's view of a real node: JSON-RPC (with failover, backoff and a rate limit)
 * through {@link HttpSolanaRpc}, blocks decoded with the configured IDLs by {@link
 * TransactionDecoder}.
 */
public final class RpcSolanaChain implements SolanaChain {

    private static final int MAX_PREFETCHED = 64;

    private final SolanaRpc rpc;
    private final TransactionDecoder decoder;
    private final IdlRegistry registry;
    // Blocks fetched by prefetch(), served by block() once; bounded so a skipped read cannot grow
    // it.
    private final Map<Long, BlockFetch> prefetched = new LinkedHashMap<>();
    private Level prefetchedLevel;

    public RpcSolanaChain(SolanaRpc rpc, IdlRegistry registry) {
        this.rpc = rpc;
        this.registry = registry;
        this.decoder = TransactionDecoder.of(registry);
    }

    /** A factory that opens a connection from serializable settings on each reader. */
    public static Factory factory(Settings settings) {
        return () -> new RpcSolanaChain(settings.rpc(), IdlRegistry.fromSpecs(settings.idls()));
    }

    @Override
    public long slot(Level level) throws IOException {
        try {
            return rpc.getSlot(commitment(level));
        } catch (RpcException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void prefetch(List<Long> slots, Level level) {
        if (slots.size() < 2 || prefetched.containsKey(slots.get(0)) && level == prefetchedLevel) {
            return; // one slot, or already fetched: a plain getBlock will do
        }
        prefetched.clear();
        prefetchedLevel = level;
        List<BlockFetch> fetched = rpc.getBlocksBatch(slots, commitment(level));
        for (int i = 0; i < fetched.size() && i < MAX_PREFETCHED; i++) {
            prefetched.put(slots.get(i), fetched.get(i));
        }
    }

    @Override
    public Optional<SolanaChain.Block> block(long slot, Level level)
            throws IOException, NotYetAvailable {
        BlockFetch fetch = level == prefetchedLevel ? prefetched.remove(slot) : null;
        try {
            Optional<io.chainplay.connectors.solana.client.rpc.Block> block;
            if (fetch instanceof BlockFetch.Found found) {
                block = Optional.of(found.block());
            } else if (fetch instanceof BlockFetch.Skipped) {
                block = Optional.empty();
            } else {
                // Not prefetched, not yet available or failed in the batch: ask on its own,
                // which retries and fails over.
                block = rpc.getBlock(slot, commitment(level));
            }
            return block.map(this::decode);
        } catch (BlockNotAvailableException e) {
            throw new NotYetAvailable(e.getMessage());
        } catch (RpcException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> blockhash(long slot, Level level) throws IOException, NotYetAvailable {
        try {
            return rpc.getBlockHeader(slot, commitment(level))
                    .map(io.chainplay.connectors.solana.client.rpc.Block::blockhash);
        } catch (BlockNotAvailableException e) {
            throw new NotYetAvailable(e.getMessage());
        } catch (RpcException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Events and failures of a block in chain order: transaction, instruction, event. */
    private SolanaChain.Block decode(io.chainplay.connectors.solana.client.rpc.Block block) {
        BlockEvents decoded = decoder.decodeBlock(block);
        List<Positioned> items =
                new ArrayList<>(decoded.events().size() + decoded.failures().size());
        for (DecodedEvent e : decoded.events()) {
            items.add(
                    new Positioned(
                            e.txIndex(),
                            e.instructionIndex(),
                            e.eventIndex(),
                            new Item(
                                    e.programId(),
                                    e.programName(),
                                    e.eventName(),
                                    e.txSignature(),
                                    e.instructionIndex(),
                                    e.eventIndex(),
                                    e.payloadJson(),
                                    null,
                                    null)));
        }
        for (DecodeFailure f : decoded.failures()) {
            String programName =
                    registry.resolve(f.programId(), f.slot())
                            .map(ProgramIdl::programName)
                            .orElse(f.programId());
            items.add(
                    new Positioned(
                            f.txIndex(),
                            f.instructionIndex(),
                            f.eventIndex(),
                            new Item(
                                    f.programId(),
                                    programName,
                                    null,
                                    f.txSignature(),
                                    f.instructionIndex(),
                                    f.eventIndex(),
                                    null,
                                    f.rawData(),
                                    f.kind() + ": " + f.reason())));
        }
        items.sort(POSITION);
        return new SolanaChain.Block(
                block.slot(),
                block.blockhash(),
                block.blockTime(),
                items.stream().map(Positioned::item).toList());
    }

    private static Commitment commitment(Level level) {
        return level == Level.FINALIZED ? Commitment.FINALIZED : Commitment.CONFIRMED;
    }

    @Override
    public void close() {
        try {
            rpc.close();
        } catch (Exception e) {
            // nothing left to release
        }
    }

    private record Positioned(int tx, int instruction, int event, Item item) {}

    private static final Comparator<Positioned> POSITION =
            Comparator.comparingInt(Positioned::tx)
                    .thenComparingInt(Positioned::instruction)
                    .thenComparingInt(Positioned::event);

    /**
     * What a reader needs to open its own node connection: serializable, built from the job's
     * configuration ({@link SolanaSourceOptions}).
     *
     * @param endpoints JSON-RPC URLs, tried in order, failing over
     * @param rateLimit requests per second per reader, 0 for none
     * @param maxBatchSize getBlock calls per JSON-RPC batch
     * @param requestTimeout per request
     * @param maxAttempts attempts per call over all endpoints before the reader fails
     * @param idls IDL specs ({@link IdlRegistry#fromSpecs})
     */
    public record Settings(
            List<String> endpoints,
            double rateLimit,
            int maxBatchSize,
            Duration requestTimeout,
            int maxAttempts,
            List<String> idls)
            implements Serializable {

        public Settings {
            endpoints = List.copyOf(endpoints);
            idls = List.copyOf(idls);
        }

        SolanaRpc rpc() {
            var builder =
                    HttpSolanaRpc.builder()
                            .setEndpoints(endpoints)
                            .setMaxBatchSize(maxBatchSize)
                            .setRequestTimeout(requestTimeout)
                            .setMaxAttempts(maxAttempts);
            if (rateLimit > 0) {
                builder.setRateLimit(rateLimit);
            }
            return builder.build();
        }
    }
}
