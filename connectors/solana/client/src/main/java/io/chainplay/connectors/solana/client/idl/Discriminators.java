package io.chainplay.connectors.solana.client.idl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Anchor's discriminators: the first 8 bytes of sha256("namespace:Name"). */
public final class Discriminators {

    /**
     * The tag an {@code emit_cpi!} self-invocation's instruction data starts with, before the
     * event's own discriminator: sha256("anchor:event")[0..8] as Anchor's {@code EVENT_IX_TAG} u64
     * 0x1d9acb512ea545e4 written little-endian (anchor {@code lang/src/event.rs}).
     */
    public static final byte[] EVENT_IX_TAG = {
        (byte) 0xe4, 0x45, (byte) 0xa5, 0x2e, 0x51, (byte) 0xcb, (byte) 0x9a, 0x1d
    };

    private Discriminators() {}

    /** sha256("event:" + name)[0..8], the discriminator of an Anchor event. */
    public static byte[] event(String eventName) {
        return sighash("event", eventName);
    }

    /** sha256(namespace + ":" + name)[0..8]. */
    public static byte[] sighash(String namespace, String name) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest((namespace + ":" + name).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
