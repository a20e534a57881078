package io.chainplay.connectors.solana.client.decode;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;

import java.math.BigInteger;

/**
 * Appends canonical JSON values to a StringBuilder without intermediate objects.
 *
 * <p>Floats use the Schubfach shortest representation that reads back to the same value (Java 17's
 * {@code Double.toString} sometimes prints more digits than needed); NaN and the infinities, which
 * JSON numbers cannot express, become the strings {@code "NaN"}, {@code "Infinity"} and {@code
 * "-Infinity"}.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends a JSON string literal, escaping quotes, backslashes and control characters. */
    static void string(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0, n = text.length(); i < n; i++) {
            escaped(out, text.charAt(i));
        }
        out.append('"');
    }

    static void escaped(StringBuilder out, char c) {
        if (c >= 0x20 && c != '"' && c != '\\') {
            out.append(c);
            return;
        }
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> out.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        }
    }

    /** Appends a u64 as a quoted decimal, for the full unsigned range. */
    static void quotedUnsigned(StringBuilder out, long value) {
        out.append('"');
        unsigned(out, value);
        out.append('"');
    }

    static void unsigned(StringBuilder out, long value) {
        if (value >= 0) {
            out.append(value);
        } else {
            long quotient = (value >>> 1) / 5; // value / 10 as unsigned
            out.append(quotient).append((char) ('0' + (value - quotient * 10)));
        }
    }

    static void quotedSigned(StringBuilder out, long value) {
        out.append('"').append(value).append('"');
    }

    /** Appends a 128-bit two's complement value (lo, hi words) as a quoted decimal. */
    static void quoted128(StringBuilder out, long lo, long hi, boolean signed) {
        out.append('"');
        if (!signed && hi == 0) {
            unsigned(out, lo);
        } else if (signed && hi == (lo >> 63)) {
            out.append(lo); // fits in a long
        } else {
            BigInteger value =
                    BigInteger.valueOf(hi)
                            .shiftLeft(64)
                            .or(
                                    BigInteger.valueOf(lo)
                                            .and(
                                                    BigInteger.ONE
                                                            .shiftLeft(64)
                                                            .subtract(BigInteger.ONE)));
            if (!signed && hi < 0) {
                value = value.add(BigInteger.ONE.shiftLeft(128));
            }
            out.append(value);
        }
        out.append('"');
    }

    static void number(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            out.append(DoubleToDecimal.toString(value));
        }
    }

    static void number(StringBuilder out, float value) {
        if (Float.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Float.isInfinite(value)) {
            out.append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            out.append(FloatToDecimal.toString(value));
        }
    }

    /** {@code "name":} with the name escaped, precomputed once per field. */
    static String fieldPrefix(String name) {
        StringBuilder out = new StringBuilder(name.length() + 3);
        string(out, name);
        return out.append(':').toString();
    }
}
