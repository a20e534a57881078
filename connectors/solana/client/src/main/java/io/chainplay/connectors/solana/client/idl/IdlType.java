package io.chainplay.connectors.solana.client.idl;

import java.util.List;
import java.util.Locale;

/**
 * A field type of an Anchor IDL, in the shape both IDL formats share.
 *
 * <p>The legacy (pre-0.30) format spells the public key {@code "publicKey"} and a reference to a
 * named type {@code {"defined": "Name"}}; the 0.30+ format spells them {@code "pubkey"} and {@code
 * {"defined": {"name": "Name", "generics": [...]}}}. {@link IdlParser} maps both to this model, so
 * nothing downstream knows which format a program's IDL was written in.
 */
public sealed interface IdlType {

    /** The Borsh primitives Anchor names. */
    enum Primitive implements IdlType {
        BOOL,
        U8,
        I8,
        U16,
        I16,
        U32,
        I32,
        F32,
        U64,
        I64,
        F64,
        U128,
        I128,
        U256,
        I256,
        /** {@code Vec<u8>} spelled as its own type: u32 length, then the bytes. */
        BYTES,
        STRING,
        PUBKEY;

        /** The name as the 0.30+ IDL writes it. */
        public String idlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String describe() {
            return idlName();
        }
    }

    /** {@code Vec<T>}: u32 little-endian length, then the elements. */
    record Vec(IdlType element) implements IdlType {
        @Override
        public String describe() {
            return "vec<" + element.describe() + ">";
        }
    }

    /**
     * {@code [T; N]}: exactly N elements, no length prefix. {@code genericLength} names a const
     * generic parameter instead of a number (then {@code length} is -1).
     */
    record Array(IdlType element, long length, String genericLength) implements IdlType {
        public static Array of(IdlType element, long length) {
            return new Array(element, length, null);
        }

        @Override
        public String describe() {
            return "["
                    + element.describe()
                    + "; "
                    + (genericLength != null ? genericLength : length)
                    + "]";
        }
    }

    /** {@code Option<T>}: one tag byte (0 = None, 1 = Some), then the value when Some. */
    record Option(IdlType inner) implements IdlType {
        @Override
        public String describe() {
            return "option<" + inner.describe() + ">";
        }
    }

    /**
     * SPL's {@code COption<T>}: a u32 tag, then always the bytes of T (zeros when None), as
     * Anchor's TypeScript coder lays it out. T must have a fixed size.
     */
    record COption(IdlType inner) implements IdlType {
        @Override
        public String describe() {
            return "coption<" + inner.describe() + ">";
        }
    }

    /** A reference to a type of the IDL's {@code types} (or legacy {@code accounts}) section. */
    record Defined(String name, List<GenericArg> generics) implements IdlType {
        public Defined {
            generics = List.copyOf(generics);
        }

        public static Defined of(String name) {
            return new Defined(name, List.of());
        }

        @Override
        public String describe() {
            if (generics.isEmpty()) {
                return name;
            }
            StringBuilder text = new StringBuilder(name).append('<');
            for (int i = 0; i < generics.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(generics.get(i).describe());
            }
            return text.append('>').toString();
        }
    }

    /** A type parameter of the enclosing generic type definition. */
    record Generic(String name) implements IdlType {
        @Override
        public String describe() {
            return name;
        }
    }

    /**
     * A type this decoder does not know. Parsing keeps it so that an IDL whose instructions use
     * exotic types still loads; {@link IdlParser} fails only when an event reaches one.
     */
    record Unsupported(String json) implements IdlType {
        @Override
        public String describe() {
            return "unsupported type " + json;
        }
    }

    /** An argument to a generic type: a type, or a constant (array lengths). */
    sealed interface GenericArg {
        String describe();

        record Type(IdlType type) implements GenericArg {
            @Override
            public String describe() {
                return type.describe();
            }
        }

        record Const(String value) implements GenericArg {
            @Override
            public String describe() {
                return value;
            }
        }
    }

    /** Rust-like text of the type for error messages, e.g. {@code vec<[f64; 2]>}. */
    String describe();
}
