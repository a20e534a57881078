package io.chainplay.connectors.solana.client.idl;

import java.util.List;
import java.util.Objects;

/**
 * One field of a struct, an enum variant or an event.
 *
 * @param name the field name as the IDL spells it, or null for a position of a tuple struct or
 *     tuple variant (rendered as {@code "0"}, {@code "1"}, ... like Anchor's TypeScript coder)
 * @param type the field type
 */
public record IdlField(String name, IdlType type) {

    public IdlField {
        Objects.requireNonNull(type, "type");
    }

    public static IdlField named(String name, IdlType type) {
        return new IdlField(Objects.requireNonNull(name, "name"), type);
    }

    public static IdlField unnamed(IdlType type) {
        return new IdlField(null, type);
    }

    /** True when the fields are positions of a tuple (a non-empty list of unnamed fields). */
    public static boolean isTuple(List<IdlField> fields) {
        return !fields.isEmpty() && fields.get(0).name() == null;
    }
}
