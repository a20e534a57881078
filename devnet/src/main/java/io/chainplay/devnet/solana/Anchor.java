package io.chainplay.devnet.solana;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Anchor's framing conventions: discriminators and the {@code emit_cpi!} instruction tag. */
final class Anchor {

    /**
     * The first 8 bytes of an {@code emit_cpi!} self-invocation's instruction data: Anchor's {@code
     * EVENT_IX_TAG} (0x1d9acb512ea545e4) in little-endian order. The event's discriminator and its
     * Borsh fields follow.
     */
    static final byte[] EVENT_IX_TAG = {
        (byte) 0xe4, 0x45, (byte) 0xa5, 0x2e, 0x51, (byte) 0xcb, (byte) 0x9a, 0x1d
    };

    /** The seed of the PDA that signs {@code emit_cpi!} self-invocations. */
    static final String EVENT_AUTHORITY_SEED = "__event_authority";

    private Anchor() {}

    /** sha256("event:" + name)[..8], what the IDL lists as the event's discriminator. */
    static byte[] eventDiscriminator(String eventName) {
        return Arrays.copyOf(sha256("event:" + eventName), 8);
    }

    /** sha256("global:" + snake_case name)[..8], the discriminator of an instruction. */
    static byte[] instructionDiscriminator(String instructionName) {
        return Arrays.copyOf(sha256("global:" + instructionName), 8);
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
