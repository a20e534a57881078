package io.chainplay.devnet.solana;

import io.chainplay.schemas.solana.Base58;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Program-derived addresses, as {@code Pubkey::find_program_address} computes them: the first bump
 * from 255 down for which sha256(seeds ‖ bump ‖ program id ‖ "ProgramDerivedAddress") is not a
 * point of the ed25519 curve.
 *
 * <p>Used for the address a program's {@code emit_cpi!} self-invocations pass (the "event
 * authority", seed {@code "__event_authority"}), so the devnet's inner instructions carry the
 * account a real Anchor program would.
 */
final class Pda {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    // d = -121665 / 121666 mod p, the twisted Edwards curve constant of ed25519.
    private static final BigInteger D =
            BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger HALF_ORDER = P.subtract(BigInteger.ONE).shiftRight(1);
    private static final byte[] MARKER = "ProgramDerivedAddress".getBytes(StandardCharsets.UTF_8);

    private Pda() {}

    static String find(String programId, String... seeds) {
        byte[][] raw = new byte[seeds.length][];
        for (int i = 0; i < seeds.length; i++) {
            raw[i] = seeds[i].getBytes(StandardCharsets.UTF_8);
        }
        return find(programId, raw);
    }

    static String find(String programId, byte[]... seeds) {
        byte[] program = Base58.decode(programId);
        for (int bump = 255; bump >= 0; bump--) {
            byte[][] parts = new byte[seeds.length + 3][];
            System.arraycopy(seeds, 0, parts, 0, seeds.length);
            parts[seeds.length] = new byte[] {(byte) bump};
            parts[seeds.length + 1] = program;
            parts[seeds.length + 2] = MARKER;
            byte[] candidate = Anchor.sha256(parts);
            if (!isOnCurve(candidate)) {
                return Base58.encode(candidate);
            }
        }
        throw new IllegalStateException("No bump gives an off-curve address for " + programId);
    }

    /**
     * Whether 32 bytes decompress to an ed25519 point, as curve25519-dalek decides it: y is the
     * little-endian number without its top (sign) bit, reduced mod p; the point exists when (y² -
     * 1) / (d·y² + 1) is a square mod p.
     */
    static boolean isOnCurve(byte[] compressed) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[31 - i] = compressed[i];
        }
        bigEndian[0] &= 0x7F;
        BigInteger y = new BigInteger(1, bigEndian).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        if (x2.signum() == 0) {
            return true;
        }
        return x2.modPow(HALF_ORDER, P).equals(BigInteger.ONE); // Euler's criterion
    }
}
