package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.Invocation.AccountMeta;

import java.util.List;

/**
 * SPL Token instructions as programs call them through CPI, with their real instruction data and
 * the log line and typical compute cost the token program reports.
 */
final class SplToken {

    private SplToken() {}

    /** TransferChecked (12): amount u64, decimals u8. */
    static Invocation transferChecked(
            String source,
            String mint,
            String destination,
            String authority,
            long amount,
            int decimals) {
        return Invocation.program(
                        TransactionAssembler.TOKEN_PROGRAM,
                        List.of(
                                AccountMeta.writable(source),
                                AccountMeta.readonly(mint),
                                AccountMeta.writable(destination),
                                AccountMeta.signer(authority)),
                        new BorshWriter().u8(12).u64(amount).u8(decimals).toByteArray(),
                        6_147 + (int) (Math.floorMod(amount, 92)))
                .log("Instruction: TransferChecked");
    }

    /** Burn (8): amount u64. */
    static Invocation burn(String account, String mint, String owner, long amount) {
        return Invocation.program(
                        TransactionAssembler.TOKEN_PROGRAM,
                        List.of(
                                AccountMeta.writable(account),
                                AccountMeta.writable(mint),
                                AccountMeta.signer(owner)),
                        new BorshWriter().u8(8).u64(amount).toByteArray(),
                        4_753)
                .log("Instruction: Burn");
    }

    /** MintTo (7): amount u64. */
    static Invocation mintTo(String mint, String destination, String authority, long amount) {
        return Invocation.program(
                        TransactionAssembler.TOKEN_PROGRAM,
                        List.of(
                                AccountMeta.writable(mint),
                                AccountMeta.writable(destination),
                                AccountMeta.readonly(authority)),
                        new BorshWriter().u8(7).u64(amount).toByteArray(),
                        4_538)
                .log("Instruction: MintTo");
    }

    /** A Transfer (3) that fails for lack of funds: custom program error 0x1. */
    static Invocation failingTransfer(
            String source, String destination, String owner, long amount) {
        return Invocation.program(
                        TransactionAssembler.TOKEN_PROGRAM,
                        List.of(
                                AccountMeta.writable(source),
                                AccountMeta.writable(destination),
                                AccountMeta.signer(owner)),
                        new BorshWriter().u8(3).u64(amount).toByteArray(),
                        3_272)
                .log("Instruction: Transfer")
                .log("Error: insufficient funds")
                .failWith(1);
    }
}
