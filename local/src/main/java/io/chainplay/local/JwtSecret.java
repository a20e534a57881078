package io.chainplay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API's JWT signing key for {@code ./chainplay up}: random on the first start, then kept in the
 * data directory (owner-only), so that sign-ins survive a restart as they would in production with
 * a configured {@code CHAINPLAY_JWT_SECRET}.
 */
final class JwtSecret {

    static final String FILE = "api-jwt-secret";

    private JwtSecret() {}

    /** The key kept under {@code data}, made on first use. */
    static String of(Path data) {
        Path file = data.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (kept.length() >= 43) { // 32 bytes in base64, the API's minimum
                    return kept;
                }
            }
            byte[] key = new byte[48];
            new SecureRandom().nextBytes(key);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the API's JWT key in " + file, e);
        }
    }
}
