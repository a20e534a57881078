package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.IdlEvent;
import io.chainplay.connectors.solana.client.idl.ProgramIdl;

import java.util.Arrays;

/**
 * One event of one IDL version, compiled: checks the size, decodes the fields to canonical JSON,
 * and insists every byte is used.
 *
 * <p>Immutable and shareable between threads; the per-call state lives in the {@link BorshReader}
 * the caller passes (one per thread).
 */
public final class CompiledEvent {

    private final String name;
    private final byte[] discriminator;
    private final String version;
    private final Codec.Struct root;
    private final long minSize;
    private final String context;

    CompiledEvent(IdlEvent event, ProgramIdl program, Codec.Struct root) {
        this.name = event.name();
        this.discriminator = event.discriminator();
        this.version = program.label();
        this.root = root;
        this.minSize = Codec.saturatingAdd(discriminator.length, root.minSize);
        this.context = name + " (IDL " + version + ")";
    }

    public String name() {
        return name;
    }

    public byte[] discriminator() {
        return discriminator.clone();
    }

    /** The label of the IDL version this event was compiled from. */
    public String version() {
        return version;
    }

    /** The fewest bytes (discriminator included) an encoding of this event can have. */
    public long minSize() {
        return minSize;
    }

    boolean matches(byte[] data, int offset, int length) {
        return length >= discriminator.length
                && Arrays.equals(
                        data,
                        offset,
                        offset + discriminator.length,
                        discriminator,
                        0,
                        discriminator.length);
    }

    /**
     * Decodes one event, discriminator included, appending its fields as a JSON object.
     *
     * @throws DecodeException when the data is shorter or longer than the layout, or holds a value
     *     the layout forbids; {@code out} then holds a partial object and must be discarded
     */
    void decode(BorshReader in, byte[] data, int offset, int length, StringBuilder out) {
        if (length < minSize) {
            throw new DecodeException(
                            FailureKind.TOO_SHORT,
                            length
                                    + " bytes but the layout of IDL version '"
                                    + version
                                    + "' needs at least "
                                    + minSize
                                    + " (payload shorter than the IDL's layout: an older version"
                                    + " of the event?)")
                    .withContext(name);
        }
        in.reset(data, offset, length);
        in.pos += discriminator.length;
        try {
            root.decode(in, out);
        } catch (DecodeException e) {
            throw e.withContext(context);
        }
        if (in.remaining() > 0) {
            throw new DecodeException(
                            FailureKind.TRAILING_BYTES,
                            in.remaining()
                                    + " bytes left over after "
                                    + name
                                    + ": the layout of IDL version '"
                                    + version
                                    + "' used "
                                    + in.offset()
                                    + " of "
                                    + length
                                    + " bytes (payload longer than the IDL's layout: a newer"
                                    + " version of the event?)")
                    .withContext(name);
        }
    }

    @Override
    public String toString() {
        return "CompiledEvent[" + context + ", min " + minSize + " bytes]";
    }
}
