package io.chainplay.api.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Sign-In With Solana message (the ABNF in phantom/sign-in-with-solana), parsed from its text.
 *
 * <p>{@link #parse} accepts only text that {@link #text()} rebuilds byte for byte, the same check
 * wallet-standard's {@code verifySignIn} makes: a message with reordered, repeated or unknown
 * fields, stray whitespace or CRLF line ends is refused instead of half-understood. Field values
 * are kept as text; the sign-in rules ({@link SignInVerifier}) decide what they must be.
 */
public record SiwsMessage(
        String domain,
        String address,
        String statement,
        String uri,
        String version,
        String chainId,
        String nonce,
        String issuedAt,
        String expirationTime,
        String notBefore,
        String requestId,
        List<String> resources) {

    static final String HEADER_SUFFIX = " wants you to sign in with your Solana account:";

    // The advanced fields in the order the ABNF fixes.
    private static final String[] PREFIXES = {
        "URI: ",
        "Version: ",
        "Chain ID: ",
        "Nonce: ",
        "Issued At: ",
        "Expiration Time: ",
        "Not Before: ",
        "Request ID: ",
    };
    private static final String RESOURCES = "Resources:";

    /** True when the text's first line is a SIWS header, so it is meant as SIWS. */
    static boolean looksLike(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.endsWith(HEADER_SUFFIX);
    }

    /**
     * Parses a SIWS message.
     *
     * @throws IllegalArgumentException saying what is wrong, when the text is not one
     */
    public static SiwsMessage parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !lines[0].endsWith(HEADER_SUFFIX)) {
            throw new IllegalArgumentException(
                    "the first line must be '<domain>" + HEADER_SUFFIX + "', then the address");
        }
        String domain = lines[0].substring(0, lines[0].length() - HEADER_SUFFIX.length());
        String address = lines[1];
        if (domain.isEmpty() || domain.contains(" ") || address.isEmpty()) {
            throw new IllegalArgumentException("the domain or the address is empty or malformed");
        }
        String statement = null;
        String[] fields = new String[PREFIXES.length];
        List<String> resources = null;
        if (lines.length > 2) {
            if (!lines[2].isEmpty() || lines.length == 3) {
                throw new IllegalArgumentException("the address must be followed by a blank line");
            }
            List<String> rest = Arrays.asList(lines).subList(3, lines.length);
            // The fields block is the longest tail that parses as fields and follows a blank line
            // (or starts the rest); everything before that blank line is the statement.
            int start = -1;
            for (int i = 0; i < rest.size(); i++) {
                if ((i == 0 || rest.get(i - 1).isEmpty()) && parsesAsFields(rest, i, null)) {
                    start = i;
                    break;
                }
            }
            if (start < 0) {
                statement = String.join("\n", rest);
            } else {
                if (start > 0) {
                    statement = String.join("\n", rest.subList(0, start - 1));
                }
                parsesAsFields(rest, start, fields);
                int list = rest.subList(start, rest.size()).indexOf(RESOURCES);
                if (list >= 0) {
                    resources = new ArrayList<>();
                    for (String item : rest.subList(start + list + 1, rest.size())) {
                        resources.add(item.substring(2));
                    }
                }
            }
            if (statement != null && statement.isEmpty()) {
                throw new IllegalArgumentException("the statement is empty");
            }
            // Field lines that did not parse as the fields block (out of order, repeated, a stray
            // line after them) would otherwise read as part of the statement and be ignored.
            if (statement != null) {
                for (String line : statement.split("\n", -1)) {
                    if (line.equals(RESOURCES) || startsWithField(line)) {
                        throw new IllegalArgumentException(
                                "the advanced fields are out of order, repeated or followed by"
                                        + " other text: "
                                        + line);
                    }
                }
            }
        }
        SiwsMessage message =
                new SiwsMessage(
                        domain,
                        address,
                        statement,
                        fields[0],
                        fields[1],
                        fields[2],
                        fields[3],
                        fields[4],
                        fields[5],
                        fields[6],
                        fields[7],
                        resources == null ? null : List.copyOf(resources));
        if (!message.text().equals(text)) {
            throw new IllegalArgumentException(
                    "the message is not in the canonical SIWS layout (field order, blank lines,"
                            + " line ends)");
        }
        return message;
    }

    // Whether lines[from..] are advanced fields in ABNF order, each at most once, with
    // "Resources:" and its "- " lines last; fills `values` when given.
    private static boolean parsesAsFields(List<String> lines, int from, String[] values) {
        if (from >= lines.size()) {
            return false;
        }
        int next = 0;
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals(RESOURCES)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    String item = lines.get(j);
                    if (!item.startsWith("- ") || item.length() == 2) {
                        return false;
                    }
                }
                return true;
            }
            int found = -1;
            for (int p = next; p < PREFIXES.length; p++) {
                if (line.startsWith(PREFIXES[p]) && line.length() > PREFIXES[p].length()) {
                    found = p;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            if (values != null) {
                values[found] = line.substring(PREFIXES[found].length());
            }
            next = found + 1;
        }
        return true;
    }

    private static boolean startsWithField(String line) {
        for (String prefix : PREFIXES) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The message text, as wallet-standard's {@code createSignInMessageText} builds it. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(domain).append(HEADER_SUFFIX).append('\n').append(address);
        if (statement != null) {
            out.append("\n\n").append(statement);
        }
        List<String> lines = new ArrayList<>();
        String[] values = {
            uri, version, chainId, nonce, issuedAt, expirationTime, notBefore, requestId
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                lines.add(PREFIXES[i] + values[i]);
            }
        }
        if (resources != null) {
            lines.add(RESOURCES);
            for (String resource : resources) {
                lines.add("- " + resource);
            }
        }
        if (!lines.isEmpty()) {
            out.append("\n\n").append(String.join("\n", lines));
        }
        return out.toString();
    }
}
