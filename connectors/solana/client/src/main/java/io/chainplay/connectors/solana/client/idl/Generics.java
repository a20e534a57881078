package io.chainplay.connectors.solana.client.idl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generic parameters of IDL types (Anchor 0.29+): binding arguments and substituting them.
 *
 * <p>Arguments are substituted when bound, so a body is always walked with closed arguments: a
 * {@link IdlType.Generic} inside it maps to a type without free parameters.
 */
public final class Generics {

    private Generics() {}

    /**
     * Binds the parameters of {@code def} to the arguments of {@code use}, each argument first
     * resolved in the caller's bindings {@code env}.
     */
    public static Map<String, IdlType.GenericArg> bind(
            IdlTypeDef def, IdlType.Defined use, Map<String, IdlType.GenericArg> env) {
        if (def.generics().isEmpty()) {
            return Map.of();
        }
        if (def.generics().size() != use.generics().size()) {
            throw new IdlException(
                    "type "
                            + def.name()
                            + " takes "
                            + def.generics().size()
                            + " generic arguments, got "
                            + use.generics().size());
        }
        Map<String, IdlType.GenericArg> bound = new HashMap<>();
        for (int i = 0; i < def.generics().size(); i++) {
            IdlType.GenericArg arg = use.generics().get(i);
            if (arg instanceof IdlType.GenericArg.Type t) {
                arg = new IdlType.GenericArg.Type(substitute(t.type(), env));
            } else if (arg instanceof IdlType.GenericArg.Const c && env.containsKey(c.value())) {
                arg = env.get(c.value()); // a const parameter passed on to an inner type
            }
            bound.put(def.generics().get(i), arg);
        }
        return bound;
    }

    /** The type with every generic parameter replaced by its binding (unbound ones stay). */
    public static IdlType substitute(IdlType type, Map<String, IdlType.GenericArg> env) {
        if (env.isEmpty()) {
            return type;
        }
        if (type instanceof IdlType.Generic g
                && env.get(g.name()) instanceof IdlType.GenericArg.Type bound) {
            return bound.type();
        }
        if (type instanceof IdlType.Vec v) {
            return new IdlType.Vec(substitute(v.element(), env));
        }
        if (type instanceof IdlType.Option o) {
            return new IdlType.Option(substitute(o.inner(), env));
        }
        if (type instanceof IdlType.COption o) {
            return new IdlType.COption(substitute(o.inner(), env));
        }
        if (type instanceof IdlType.Array a) {
            long length = arrayLength(a, env);
            return length >= 0
                    ? IdlType.Array.of(substitute(a.element(), env), length)
                    : new IdlType.Array(substitute(a.element(), env), -1, a.genericLength());
        }
        if (type instanceof IdlType.Defined d && !d.generics().isEmpty()) {
            List<IdlType.GenericArg> args = new ArrayList<>();
            for (IdlType.GenericArg arg : d.generics()) {
                if (arg instanceof IdlType.GenericArg.Type t) {
                    args.add(new IdlType.GenericArg.Type(substitute(t.type(), env)));
                } else if (arg instanceof IdlType.GenericArg.Const c
                        && env.get(c.value()) instanceof IdlType.GenericArg.Const bound) {
                    args.add(bound);
                } else {
                    args.add(arg);
                }
            }
            return new IdlType.Defined(d.name(), args);
        }
        return type;
    }

    /** The array's length: its number, or its const parameter's binding; -1 when unbound. */
    public static long arrayLength(IdlType.Array array, Map<String, IdlType.GenericArg> env) {
        if (array.genericLength() == null) {
            return array.length();
        }
        if (env.get(array.genericLength()) instanceof IdlType.GenericArg.Const c) {
            try {
                return Long.parseLong(c.value().replace("_", ""));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** A stable key for a type name with bound arguments, e.g. {@code Pair{T=u64}}. */
    public static String key(String name, Map<String, IdlType.GenericArg> bound) {
        if (bound.isEmpty()) {
            return name;
        }
        StringBuilder key = new StringBuilder(name).append('{');
        new TreeMap<>(bound)
                .forEach((k, v) -> key.append(k).append('=').append(v.describe()).append(';'));
        return key.append('}').toString();
    }
}
