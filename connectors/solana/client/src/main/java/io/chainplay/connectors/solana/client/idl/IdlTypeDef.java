package io.chainplay.connectors.solana.client.idl;

import java.util.List;

/**
 * A named type of an IDL: a struct (named fields or a tuple), an enum, or an alias.
 *
 * @param name the type name
 * @param generics names of the type's generic parameters (type or const), in order; empty for the
 *     usual non-generic type
 * @param body what the type is
 */
public record IdlTypeDef(String name, List<String> generics, Body body) {

    public IdlTypeDef {
        generics = List.copyOf(generics);
    }

    /** What a named type is. */
    public sealed interface Body {}

    /** A struct; {@link IdlField#isTuple} tells a tuple struct. Empty fields: a unit struct. */
    public record Struct(List<IdlField> fields) implements Body {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /** An enum: one u8 variant index, then the variant's fields. */
    public record Enum(List<Variant> variants) implements Body {
        public Enum {
            variants = List.copyOf(variants);
        }
    }

    /** An alias: encoded exactly as the aliased type. */
    public record Alias(IdlType type) implements Body {}

    /** An enum variant: unit (no fields), tuple (unnamed fields) or struct-like (named). */
    public record Variant(String name, List<IdlField> fields) {
        public Variant {
            fields = List.copyOf(fields);
        }
    }
}
