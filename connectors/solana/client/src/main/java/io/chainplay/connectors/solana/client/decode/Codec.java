package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.IdlType;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One node of a precompiled event layout: reads its Borsh bytes and appends canonical JSON.
 *
 * <p>{@link LayoutCompiler} builds a tree of these once per IDL version, so decoding an event is a
 * walk over final fields: no lookups by name, no reflection, no intermediate objects besides the
 * occasional number text.
 */
abstract class Codec {

    /** A lower bound of the encoded size, for the up-front "too short" check. */
    long minSize;

    /** True when the type encodes to no bytes at all (an empty struct, a zero-length array). */
    boolean zeroSized;

    abstract void decode(BorshReader in, StringBuilder out);

    abstract String describe();

    /** The codec of a primitive. */
    static Codec primitive(IdlType.Primitive p) {
        return switch (p) {
            case BOOL -> new Bool();
            case U8 -> new U8();
            case I8 -> new I8();
            case U16 -> new U16();
            case I16 -> new I16();
            case U32 -> new U32();
            case I32 -> new I32();
            case F32 -> new F32();
            case U64 -> new U64();
            case I64 -> new I64();
            case F64 -> new F64();
            case U128 -> new Int128(false);
            case I128 -> new Int128(true);
            case U256 -> new Int256(false);
            case I256 -> new Int256(true);
            case BYTES -> new Bytes();
            case STRING -> new Str();
            case PUBKEY -> new Pubkey();
        };
    }

    private abstract static class Fixed extends Codec {
        Fixed(int size) {
            this.minSize = size;
        }
    }

    static final class Bool extends Fixed {
        Bool() {
            super(1);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int b = in.u8("bool");
            if (b == 0) {
                out.append("false");
            } else if (b == 1) {
                out.append("true");
            } else {
                throw new DecodeException(
                        FailureKind.INVALID_VALUE,
                        "bool byte is "
                                + b
                                + " at offset "
                                + (in.offset() - 1)
                                + " (must be 0 or 1)");
            }
        }

        @Override
        String describe() {
            return "bool";
        }
    }

    static final class U8 extends Fixed {
        U8() {
            super(1);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append(in.u8("u8"));
        }

        @Override
        String describe() {
            return "u8";
        }
    }

    static final class I8 extends Fixed {
        I8() {
            super(1);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append((byte) in.u8("i8"));
        }

        @Override
        String describe() {
            return "i8";
        }
    }

    static final class U16 extends Fixed {
        U16() {
            super(2);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append(in.i16("u16") & 0xFFFF);
        }

        @Override
        String describe() {
            return "u16";
        }
    }

    static final class I16 extends Fixed {
        I16() {
            super(2);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append(in.i16("i16"));
        }

        @Override
        String describe() {
            return "i16";
        }
    }

    static final class U32 extends Fixed {
        U32() {
            super(4);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append(in.u32("u32"));
        }

        @Override
        String describe() {
            return "u32";
        }
    }

    static final class I32 extends Fixed {
        I32() {
            super(4);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append(in.i32("i32"));
        }

        @Override
        String describe() {
            return "i32";
        }
    }

    static final class U64 extends Fixed {
        U64() {
            super(8);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            JsonText.quotedUnsigned(out, in.i64("u64"));
        }

        @Override
        String describe() {
            return "u64";
        }
    }

    static final class I64 extends Fixed {
        I64() {
            super(8);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            JsonText.quotedSigned(out, in.i64("i64"));
        }

        @Override
        String describe() {
            return "i64";
        }
    }

    static final class F32 extends Fixed {
        F32() {
            super(4);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            JsonText.number(out, Float.intBitsToFloat(in.i32("f32")));
        }

        @Override
        String describe() {
            return "f32";
        }
    }

    static final class F64 extends Fixed {
        F64() {
            super(8);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            JsonText.number(out, Double.longBitsToDouble(in.i64("f64")));
        }

        @Override
        String describe() {
            return "f64";
        }
    }

    static final class Int128 extends Fixed {
        private final boolean signed;

        Int128(boolean signed) {
            super(16);
            this.signed = signed;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            String what = describe();
            in.require(16, what);
            long lo = in.i64(what);
            long hi = in.i64(what);
            JsonText.quoted128(out, lo, hi, signed);
        }

        @Override
        String describe() {
            return signed ? "i128" : "u128";
        }
    }

    static final class Int256 extends Fixed {
        private final boolean signed;

        Int256(boolean signed) {
            super(32);
            this.signed = signed;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int at = in.take(32, describe());
            byte[] bigEndian = new byte[32];
            for (int i = 0; i < 32; i++) {
                bigEndian[i] = in.buf[at + 31 - i];
            }
            BigInteger value = signed ? new BigInteger(bigEndian) : new BigInteger(1, bigEndian);
            out.append('"').append(value).append('"');
        }

        @Override
        String describe() {
            return signed ? "i256" : "u256";
        }
    }

    static final class Pubkey extends Fixed {
        Pubkey() {
            super(32);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int at = in.take(32, "pubkey");
            Base58Text.pubkey(in, in.buf, at, out);
        }

        @Override
        String describe() {
            return "pubkey";
        }
    }

    /** Reads a u32 length prefix and checks the bytes it announces are there. */
    static int length(BorshReader in, String what, long minElementSize) {
        int lengthAt = in.offset();
        long length = in.u32(what + " length");
        long needed = length * minElementSize;
        if (needed > in.remaining()) {
            throw new DecodeException(
                    FailureKind.TOO_SHORT,
                    what
                            + " length prefix at offset "
                            + lengthAt
                            + " is "
                            + length
                            + ", which needs at least "
                            + needed
                            + " bytes, but "
                            + in.remaining()
                            + " are left");
        }
        return (int) length; // <= remaining, so it fits an int
    }

    static final class Str extends Codec {
        Str() {
            this.minSize = 4;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int length = length(in, "string", 1);
            int at = in.take(length, "string");
            byte[] buf = in.buf;
            int end = at + length;
            int i = at;
            out.append('"');
            while (i < end && buf[i] >= 0) { // ASCII: no decoding, no String
                JsonText.escaped(out, (char) buf[i++]);
            }
            if (i < end) {
                try {
                    String rest =
                            StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPORT)
                                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                                    .decode(ByteBuffer.wrap(buf, i, end - i))
                                    .toString();
                    for (int k = 0; k < rest.length(); k++) {
                        JsonText.escaped(out, rest.charAt(k));
                    }
                } catch (CharacterCodingException e) {
                    throw new DecodeException(
                            FailureKind.INVALID_VALUE,
                            "string at offset " + (at - in.start - 4) + " is not valid UTF-8");
                }
            }
            out.append('"');
        }

        @Override
        String describe() {
            return "string";
        }
    }

    /** {@code bytes}: a base64 string (standard alphabet, padded), as Solana RPC renders data. */
    static final class Bytes extends Codec {
        Bytes() {
            this.minSize = 4;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int length = length(in, "bytes", 1);
            int at = in.take(length, "bytes");
            byte[] copy = new byte[length];
            System.arraycopy(in.buf, at, copy, 0, length);
            out.append('"').append(Base64.getEncoder().encodeToString(copy)).append('"');
        }

        @Override
        String describe() {
            return "bytes";
        }
    }

    static final class Vec extends Codec {
        private final Codec element;
        private final boolean bytes;

        Vec(Codec element) {
            this.element = element;
            this.bytes = element instanceof U8;
            this.minSize = 4;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            if (element.zeroSized) {
                // Borsh refuses these too: a length of 4 billion would cost nothing to encode.
                long length = in.u32("vec length");
                if (length != 0) {
                    throw new DecodeException(
                            FailureKind.INVALID_VALUE,
                            "vec of zero-sized " + element.describe() + " has length " + length);
                }
                out.append("[]");
                return;
            }
            int length =
                    length(in, "vec<" + element.describe() + ">", Math.max(1, element.minSize));
            elements(in, out, element, bytes, length);
        }

        @Override
        String describe() {
            return "vec<" + element.describe() + ">";
        }
    }

    static final class Array extends Codec {
        private final Codec element;
        private final int length;
        private final boolean bytes;

        Array(Codec element, int length) {
            this.element = element;
            this.length = length;
            this.bytes = element instanceof U8;
            this.minSize = saturatingMultiply(element.minSize, length);
            this.zeroSized = length == 0 || element.zeroSized;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            long needed =
                    saturatingMultiply(
                            Math.max(element.zeroSized ? 0 : 1, element.minSize), length);
            in.require(needed, describe());
            elements(in, out, element, bytes, length);
        }

        @Override
        String describe() {
            return "[" + element.describe() + "; " + length + "]";
        }
    }

    private static void elements(
            BorshReader in, StringBuilder out, Codec element, boolean bytes, int length) {
        out.append('[');
        if (bytes) {
            int at = in.take(length, "u8 elements");
            byte[] buf = in.buf;
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(buf[at + i] & 0xFF);
            }
        } else {
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                try {
                    element.decode(in, out);
                } catch (DecodeException e) {
                    throw e.inIndex(i);
                }
            }
        }
        out.append(']');
    }

    static final class Option extends Codec {
        private final Codec inner;

        Option(Codec inner) {
            this.inner = inner;
            this.minSize = 1;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int tag = in.u8("option tag");
            if (tag == 0) {
                out.append("null");
            } else if (tag == 1) {
                inner.decode(in, out);
            } else {
                throw new DecodeException(
                        FailureKind.INVALID_VALUE,
                        "option tag is "
                                + tag
                                + " at offset "
                                + (in.offset() - 1)
                                + " (must be 0 or 1)");
            }
        }

        @Override
        String describe() {
            return "option<" + inner.describe() + ">";
        }
    }

    /** SPL COption: u32 tag, then always the inner type's fixed bytes (ignored when None). */
    static final class COption extends Codec {
        private final Codec inner;
        private final int innerSize;

        COption(Codec inner, int innerSize) {
            this.inner = inner;
            this.innerSize = innerSize;
            this.minSize = 4L + innerSize;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            long tag = in.u32("coption tag");
            if (tag == 0) {
                in.take(innerSize, describe());
                out.append("null");
            } else if (tag == 1) {
                inner.decode(in, out);
            } else {
                throw new DecodeException(
                        FailureKind.INVALID_VALUE,
                        "coption tag is "
                                + tag
                                + " at offset "
                                + (in.offset() - 4)
                                + " (must be 0 or 1)");
            }
        }

        @Override
        String describe() {
            return "coption<" + inner.describe() + ">";
        }
    }

    /** A struct with named fields, or a tuple struct whose fields are named "0", "1", ... */
    static final class Struct extends Codec {
        private final String name;
        private final String[] fieldNames;
        private final String[] prefixes;
        private final Codec[] fields;

        Struct(String name, String[] fieldNames, Codec[] fields) {
            this.name = name;
            this.fieldNames = fieldNames;
            this.fields = fields;
            this.prefixes = new String[fieldNames.length];
            long min = 0;
            boolean zero = true;
            for (int i = 0; i < fields.length; i++) {
                prefixes[i] = (i == 0 ? "" : ",") + JsonText.fieldPrefix(fieldNames[i]);
                min = saturatingAdd(min, fields[i].minSize);
                zero &= fields[i].zeroSized;
            }
            this.minSize = min;
            this.zeroSized = zero;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            out.append('{');
            for (int i = 0; i < fields.length; i++) {
                out.append(prefixes[i]);
                try {
                    fields[i].decode(in, out);
                } catch (DecodeException e) {
                    throw e.inField(fieldNames[i]);
                }
            }
            out.append('}');
        }

        @Override
        String describe() {
            return name;
        }
    }

    /** An enum: u8 variant index, then {"Variant": {fields}} ({} for a unit variant). */
    static final class Enum extends Codec {
        private final String name;
        private final String[] variantNames;
        private final String[] prefixes;
        private final Struct[] bodies;

        Enum(String name, String[] variantNames, Struct[] bodies) {
            this.name = name;
            this.variantNames = variantNames;
            this.bodies = bodies;
            this.prefixes = new String[variantNames.length];
            long smallest = bodies.length == 0 ? 0 : Long.MAX_VALUE;
            for (int i = 0; i < variantNames.length; i++) {
                prefixes[i] = "{" + JsonText.fieldPrefix(variantNames[i]);
                smallest = Math.min(smallest, bodies[i].minSize);
            }
            this.minSize = saturatingAdd(1, smallest);
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            int index = in.u8(name + " variant index");
            if (index >= bodies.length) {
                throw new DecodeException(
                        FailureKind.INVALID_VALUE,
                        "variant index "
                                + index
                                + " at offset "
                                + (in.offset() - 1)
                                + " but enum "
                                + name
                                + " has "
                                + bodies.length
                                + " variants");
            }
            out.append(prefixes[index]);
            try {
                bodies[index].decode(in, out);
            } catch (DecodeException e) {
                throw e.inField(variantNames[index]);
            }
            out.append('}');
        }

        @Override
        String describe() {
            return name;
        }
    }

    /**
     * Stands for a type still being compiled when it is reached again (recursion through a vec or
     * option). Counts nesting so that recursive data cannot exhaust the stack.
     */
    static final class Ref extends Codec {
        private final String name;
        private Codec target;

        Ref(String name) {
            this.name = name;
            this.minSize = 0; // a lower bound until linked; recursive types are never zero-sized
        }

        void link(Codec target) {
            this.target = target;
            this.minSize = target.minSize;
        }

        @Override
        void decode(BorshReader in, StringBuilder out) {
            in.enter();
            target.decode(in, out);
            in.exit();
        }

        @Override
        String describe() {
            return name;
        }
    }

    static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long saturatingMultiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
