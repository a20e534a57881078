package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.idl.ProgramIdl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Anchor event bytes of the configured programs to canonical JSON.
 *
 * <p>Routing is by program id first, then by slot to the IDL version, then by discriminator: the
 * same discriminator means different events in different programs. Every IDL version is compiled
 * when this is built, so a bad IDL fails at startup rather than on the first event.
 *
 * <h2>Canonical JSON</h2>
 *
 * <ul>
 *   <li>Field names as the IDL spells them, in layout order.
 *   <li>u8, i8, u16, i16, u32, i32: JSON numbers. u64, i64, u128, i128, u256, i256: decimal strings
 *       (they do not fit a JSON consumer's 53-bit doubles).
 *   <li>f32, f64: JSON numbers in their shortest round-trip form; NaN, Infinity and -Infinity as
 *       the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *   <li>bool: {@code true}/{@code false}; any byte but 0 or 1 is an error (as in borsh-rs).
 *   <li>string: the UTF-8 text; invalid UTF-8 is an error.
 *   <li>pubkey: base58 text.
 *   <li>{@code bytes}: base64 text (standard alphabet, padded), as Solana RPC renders binary.
 *       {@code Vec<u8>} and {@code [u8; N]} stay arrays of numbers, as Anchor's TypeScript coder
 *       and the IDL's own type say.
 *   <li>vec, array: JSON arrays. option: {@code null} or the value. coption likewise.
 *   <li>struct: an object; tuple struct: {@code {"0": ..., "1": ...}} (Anchor's rendering, e.g.
 *       FarePlay's {@code QK} as {@code {"0": [[0.5, 0], [0.5, 2]]}}).
 *   <li>enum: {@code {"Variant": {...}}}: named fields inside, {@code {"0": ...}} for a tuple
 *       variant, {@code {}} for a unit variant.
 * </ul>
 *
 * <p>Thread-safe; per-thread scratch space is kept in thread locals.
 */
public final class EventDecoder {

    private static final ThreadLocal<StringBuilder> OUT =
            ThreadLocal.withInitial(() -> new StringBuilder(1024));
    private static final int MAX_RETAINED_CAPACITY = 1 << 20;

    private final IdlRegistry registry;
    private final Map<String, ProgramDecoder[]> decoders = new HashMap<>();

    private EventDecoder(IdlRegistry registry) {
        this.registry = registry;
        for (String programId : registry.programIds()) {
            List<ProgramIdl> versions = registry.versions(programId);
            ProgramDecoder[] compiled = new ProgramDecoder[versions.size()];
            for (int i = 0; i < compiled.length; i++) {
                compiled[i] = ProgramDecoder.compile(versions.get(i));
            }
            decoders.put(programId, compiled);
        }
    }

    /**
     * Compiles every IDL version of the registry.
     *
     * @throws io.chainplay.connectors.solana.client.idl.IdlException if an event cannot be compiled
     */
    public static EventDecoder of(IdlRegistry registry) {
        return new EventDecoder(registry);
    }

    public IdlRegistry registry() {
        return registry;
    }

    public boolean isConfigured(String programId) {
        return decoders.containsKey(programId);
    }

    /** The decoder of the IDL version covering the slot, or null (unknown program or slot). */
    public ProgramDecoder decoderFor(String programId, long slot) {
        ProgramDecoder[] versions = decoders.get(programId);
        if (versions == null) {
            return null;
        }
        for (int i = versions.length - 1; i >= 0; i--) {
            if (slot >= versions[i].program().fromSlot()) {
                return versions[i];
            }
        }
        return null;
    }

    /**
     * Decodes one event of a configured program.
     *
     * @param data the event bytes, discriminator included (a {@code Program data:} line decoded, or
     *     an {@code emit_cpi!} instruction's data after the 8-byte event tag)
     * @throws DecodeException for a slot no IDL version covers, an unknown discriminator, or data
     *     that does not fit the layout exactly
     * @throws IllegalArgumentException if the program is not configured
     */
    public DecodedPayload decode(String programId, long slot, byte[] data) {
        return decode(programId, slot, data, 0, data.length);
    }

    public DecodedPayload decode(String programId, long slot, byte[] data, int offset, int length) {
        if (!isConfigured(programId)) {
            throw new IllegalArgumentException("Program " + programId + " is not configured");
        }
        ProgramDecoder decoder = decoderFor(programId, slot);
        if (decoder == null) {
            throw new DecodeException(
                    FailureKind.NO_IDL_FOR_SLOT,
                    "no IDL version of program "
                            + programId
                            + " covers slot "
                            + slot
                            + " (first version starts at slot "
                            + registry.versions(programId).get(0).fromSlot()
                            + ")");
        }
        StringBuilder out = OUT.get();
        out.setLength(0);
        try {
            CompiledEvent event = decoder.decode(data, offset, length, out);
            return new DecodedPayload(decoder.program(), event.name(), out.toString());
        } finally {
            if (out.capacity() > MAX_RETAINED_CAPACITY) {
                OUT.remove(); // one huge event must not pin megabytes per thread
            }
        }
    }

    /**
     * A decoded event's fields and where its layout came from.
     *
     * @param version the IDL version that decoded it
     * @param eventName the event name from the IDL
     * @param json the fields as canonical JSON (see {@link EventDecoder})
     */
    public record DecodedPayload(ProgramIdl version, String eventName, String json) {}
}
