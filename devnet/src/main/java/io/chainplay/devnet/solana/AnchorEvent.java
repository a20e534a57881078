package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Anchor event, hand-encoded for its IDL: the 8-byte discriminator, then its fields in Borsh.
 *
 * <p>Each implementation lists its fields once, in IDL order, through an {@link EventFields}, which
 * writes the Borsh bytes and the canonical JSON side by side so the two cannot disagree.
 */
interface AnchorEvent {

    String programId();

    String programName();

    /** The event's name in the IDL, e.g. {@code TrialRegistered}. */
    String name();

    /** Writes the fields, in IDL order. */
    void write(EventFields fields);

    /** Discriminator then Borsh fields: the payload of a "Program data:" line. */
    default byte[] data() {
        EventFields fields = new EventFields();
        write(fields);
        return Anchor.concat(Anchor.eventDiscriminator(name()), fields.borsh());
    }

    /** The decoded fields as canonical JSON (see {@link EventFields}). */
    default ObjectNode json() {
        EventFields fields = new EventFields();
        write(fields);
        return fields.json();
    }
}
