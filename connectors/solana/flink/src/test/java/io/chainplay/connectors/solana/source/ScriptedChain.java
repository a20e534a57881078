package io.chainplay.connectors.solana.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chain whose blocks and commitment levels the test sets: which slots have blocks, how far
 * confirmed and finalized have got, and which confirmed slots end up off the finalized chain.
 *
 * <p>Scripts live in a static registry because the factory is serialized into the job.
 */
public final class ScriptedChain implements SolanaChain {

    static final String PROGRAM = "FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe";
    private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

    private final Script script;

    private ScriptedChain(Script script) {
        this.script = script;
    }

    /** A new script under a unique name, and the factory that reads it. */
    static Script script(String name) {
        Script script = new Script(name);
        SCRIPTS.put(name, script);
        return script;
    }

    @Override
    public long slot(Level level) {
        script.calls.incrementAndGet();
        return level == Level.CONFIRMED ? script.confirmedTip : script.finalizedTip;
    }

    @Override
    public Optional<Block> block(long slot, Level level) throws NotYetAvailable {
        script.calls.incrementAndGet();
        check(slot, level);
        if (level == Level.CONFIRMED && script.offConfirmedFork.contains(slot)) {
            // As a node answers for a slot above the root that is not on the confirmed fork.
            throw new NotYetAvailable("Block not available for slot " + slot);
        }
        if (level == Level.FINALIZED) {
            if (script.replacedAtFinalized.containsKey(slot)) {
                return Optional.of(script.replacedAtFinalized.get(slot));
            }
            if (script.droppedAtFinalized.contains(slot)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(script.blocks.get(slot));
    }

    @Override
    public Optional<String> blockhash(long slot, Level level) throws NotYetAvailable {
        return block(slot, level).map(Block::blockhash);
    }

    private void check(long slot, Level level) throws NotYetAvailable {
        long tip = level == Level.CONFIRMED ? script.confirmedTip : script.finalizedTip;
        if (slot > tip) {
            throw new NotYetAvailable("Block not available for slot " + slot);
        }
    }

    @Override
    public void close() {}

    /** What the chain looks like; tests change it while the source runs. */
    public static final class Script {
        final String name;
        final Map<Long, Block> blocks = new ConcurrentSkipListMap<>();
        public final Set<Long> droppedAtFinalized = ConcurrentHashMap.newKeySet();
        public final Set<Long> offConfirmedFork = ConcurrentHashMap.newKeySet();
        public final Map<Long, Block> replacedAtFinalized = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile long confirmedTip;
        volatile long finalizedTip;

        Script(String name) {
            this.name = name;
        }

        public Factory factory() {
            String key = name;
            return () -> new ScriptedChain(SCRIPTS.get(key));
        }

        /** Adds a block at {@code slot} with {@code events} fare_vault events (and failures). */
        public Script block(long slot, int events, int failures) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                items.add(event(slot, i));
            }
            for (int i = 0; i < failures; i++) {
                items.add(
                        new Item(
                                PROGRAM,
                                "fare_vault",
                                null,
                                "sig-" + slot + "-bad-" + i,
                                1,
                                i,
                                null,
                                new byte[] {1, 2, 3},
                                "unknown discriminator 010203 for fare_vault"));
            }
            blocks.put(slot, new Block(slot, "hash-" + slot, 1_700_000_000L + slot, items));
            return this;
        }

        public Script tips(long confirmed, long finalized) {
            this.confirmedTip = confirmed;
            this.finalizedTip = finalized;
            return this;
        }

        static Item event(long slot, int i) {
            return new Item(
                    PROGRAM,
                    "fare_vault",
                    "TrialResolved",
                    "sig-" + slot + "-" + i,
                    0,
                    i,
                    "{\"n\":" + (slot * 100 + i) + "}",
                    null,
                    null);
        }
    }
}
