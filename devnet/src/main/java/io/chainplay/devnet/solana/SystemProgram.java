package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.Invocation.AccountMeta;

import java.util.List;

/** System program instructions (a builtin: no logs besides invoke/success). */
final class SystemProgram {

    private SystemProgram() {}

    /** Transfer (2): lamports u64. */
    static Invocation transfer(String from, String to, long lamports) {
        return Invocation.builtin(
                TransactionAssembler.SYSTEM_PROGRAM,
                List.of(AccountMeta.signer(from), AccountMeta.writable(to)),
                new BorshWriter().u32(2).u64(lamports).toByteArray());
    }

    /** CreateAccount (0): lamports u64, space u64, owner pubkey. */
    static Invocation createAccount(
            String payer, String account, long lamports, long space, String owner) {
        return Invocation.builtin(
                TransactionAssembler.SYSTEM_PROGRAM,
                List.of(AccountMeta.signer(payer), AccountMeta.writable(account)),
                new BorshWriter().u32(0).u64(lamports).u64(space).pubkey(owner).toByteArray());
    }

    /** Rent-exempt minimum for an account of this many data bytes (at 3480 lamports/byte-year). */
    static long rentExempt(long space) {
        return (128 + space) * 3_480 * 2;
    }
}
