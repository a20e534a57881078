package io.chainplay.connectors.solana.client.idl;

import java.util.HexFormat;
import java.util.List;

/**
 * An event of an IDL: its name, its discriminator and its fields.
 *
 * <p>Both IDL formats end up here: a legacy event lists its fields inline and has no discriminator
 * in the file (it is sha256("event:" + name)[0..8]); a 0.30+ event carries its discriminator and
 * takes its fields from the struct of the same name in {@code types}.
 *
 * @param name the event name, e.g. {@code TradeEvent}
 * @param discriminator the bytes every encoded event starts with (8 for Anchor)
 * @param fields the event's fields in encoding order (unnamed for a tuple-struct event)
 */
public record IdlEvent(String name, byte[] discriminator, List<IdlField> fields) {

    public IdlEvent {
        discriminator = discriminator.clone();
        fields = List.copyOf(fields);
    }

    @Override
    public byte[] discriminator() {
        return discriminator.clone();
    }

    public String discriminatorHex() {
        return HexFormat.of().formatHex(discriminator);
    }

    @Override
    public String toString() {
        return "IdlEvent[" + name + ", " + discriminatorHex() + ", " + fields.size() + " fields]";
    }
}
