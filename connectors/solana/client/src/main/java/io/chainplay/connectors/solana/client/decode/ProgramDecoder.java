package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.IdlEvent;
import io.chainplay.connectors.solana.client.idl.IdlException;
import io.chainplay.connectors.solana.client.idl.ProgramIdl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The compiled events of one IDL version of one program, found by discriminator.
 *
 * <p>Immutable and thread-safe. The hot path is {@link #decode(byte[], int, int, StringBuilder)}: a
 * scan of a few longs for the discriminator, then the event's precompiled layout.
 */
public final class ProgramDecoder {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<BorshReader> READER =
            ThreadLocal.withInitial(BorshReader::new);

    private final ProgramIdl program;
    private final long[] keys; // Anchor's 8-byte discriminators as little-endian longs
    private final CompiledEvent[] byKey;
    private final CompiledEvent[] custom; // discriminators of other lengths (Anchor 0.31+)
    private final List<CompiledEvent> events;

    private ProgramDecoder(ProgramIdl program, List<CompiledEvent> events) {
        this.program = program;
        this.events = List.copyOf(events);
        List<CompiledEvent> eight = new ArrayList<>();
        List<CompiledEvent> other = new ArrayList<>();
        for (CompiledEvent event : events) {
            (event.discriminator().length == 8 ? eight : other).add(event);
        }
        this.keys = new long[eight.size()];
        this.byKey = eight.toArray(new CompiledEvent[0]);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) LONG_LE.get(byKey[i].discriminator(), 0);
        }
        this.custom = other.toArray(new CompiledEvent[0]);
    }

    /** Compiles every event of the version; fails if one of them cannot be decoded. */
    public static ProgramDecoder compile(ProgramIdl program) {
        LayoutCompiler compiler = new LayoutCompiler(program.idl());
        List<CompiledEvent> events = new ArrayList<>();
        for (IdlEvent event : program.idl().events()) {
            try {
                events.add(new CompiledEvent(event, program, compiler.event(event)));
            } catch (IdlException e) {
                throw new IdlException(
                        "IDL " + program.label() + " event " + event.name() + ": " + e.getMessage(),
                        e);
            }
        }
        return new ProgramDecoder(program, events);
    }

    public ProgramIdl program() {
        return program;
    }

    public List<CompiledEvent> events() {
        return events;
    }

    /** The event whose discriminator the data starts with, or null. */
    public CompiledEvent find(byte[] data, int offset, int length) {
        if (length >= 8) {
            long key = (long) LONG_LE.get(data, offset);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == key) {
                    return byKey[i];
                }
            }
        }
        for (CompiledEvent event : custom) {
            if (event.matches(data, offset, length)) {
                return event;
            }
        }
        return null;
    }

    /**
     * Decodes one event (discriminator included) and appends its fields as a JSON object.
     *
     * @return the event that was decoded
     * @throws DecodeException for an unknown discriminator or data that does not fit the layout;
     *     {@code out} may then hold a partial object and must be discarded
     */
    public CompiledEvent decode(byte[] data, int offset, int length, StringBuilder out) {
        CompiledEvent event = find(data, offset, length);
        if (event == null) {
            throw unknown(data, offset, length);
        }
        event.decode(READER.get(), data, offset, length, out);
        return event;
    }

    private DecodeException unknown(byte[] data, int offset, int length) {
        String head = HexFormat.of().formatHex(data, offset, offset + Math.min(8, length));
        return new DecodeException(
                FailureKind.UNKNOWN_DISCRIMINATOR,
                length < 8
                        ? length + " bytes, shorter than a discriminator"
                        : "discriminator "
                                + head
                                + " matches no event of IDL version '"
                                + program.label()
                                + "' ("
                                + events.size()
                                + " events)");
    }

    @Override
    public String toString() {
        return "ProgramDecoder[" + program + ", " + events.size() + " events]";
    }
}
