package io.chainplay.connectors.solana.source;

/** Lets tests in other packages script a {@link ScriptedChain}. */
public final class ScriptedChainAccess {

    private ScriptedChainAccess() {}

    public static ScriptedChain.Script script(String name) {
        return ScriptedChain.script(name);
    }

    public static SolanaChain.Item event(long slot, int i) {
        return ScriptedChain.Script.event(slot, i);
    }
}
