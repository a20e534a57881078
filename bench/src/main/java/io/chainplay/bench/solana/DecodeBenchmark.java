package io.chainplay.bench.solana;

import io.chainplay.connectors.solana.client.decode.EventDecoder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * JMH: one event decoded per operation, cycling through the benchmark's event mix, so ops/s is
 * events/s on one core.
 */
@State(Scope.Thread)
public class DecodeBenchmark {

    private static final long SLOT = 300_000_000L;

    private EventDecoder decoder;
    private NaiveIdlDecoder naivePump;
    private NaiveIdlDecoder naiveFareVault;
    private BenchEvents.Event[] events;
    private int next;

    @Setup
    public void setUp() {
        decoder = EventDecoder.of(BenchEvents.registry());
        naivePump = new NaiveIdlDecoder(BenchEvents.idlJson(BenchEvents.PUMP));
        naiveFareVault = new NaiveIdlDecoder(BenchEvents.idlJson(BenchEvents.FARE_VAULT));
        List<BenchEvents.Event> loaded = BenchEvents.load();
        events = loaded.toArray(BenchEvents.Event[]::new);
    }

    private BenchEvents.Event nextEvent() {
        BenchEvents.Event event = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        return event;
    }

    /** Chainplay's decoder: precompiled layouts writing canonical JSON. */
    @Benchmark
    public String chainplay() {
        BenchEvents.Event event = nextEvent();
        return decoder.decode(event.programId(), SLOT, event.data()).json();
    }

    /** The ceiling: every byte of the event read once as little-endian words, nothing built. */
    @Benchmark
    public long ceiling() {
        byte[] data = nextEvent().data();
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        while (in.remaining() >= 8) {
            sum += in.getLong();
        }
        while (in.hasRemaining()) {
            sum += in.get();
        }
        return sum;
    }

    /** The baseline: an IDL interpreter building a Jackson tree per event. */
    @Benchmark
    public String baseline() {
        BenchEvents.Event event = nextEvent();
        NaiveIdlDecoder naive =
                event.programId().equals(BenchEvents.PUMP) ? naivePump : naiveFareVault;
        return naive.decode(event.data());
    }
}
