package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Generics;
import io.chainplay.connectors.solana.client.idl.Idl;
import io.chainplay.connectors.solana.client.idl.IdlEvent;
import io.chainplay.connectors.solana.client.idl.IdlException;
import io.chainplay.connectors.solana.client.idl.IdlField;
import io.chainplay.connectors.solana.client.idl.IdlType;
import io.chainplay.connectors.solana.client.idl.IdlTypeDef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an IDL's event definitions into {@link Codec} trees, once per IDL version.
 *
 * <p>Named types are compiled once per (name, generic arguments) and shared. A type reached again
 * while it is still being compiled (recursion through a vec or option) becomes a {@link Codec.Ref}
 * linked when the type is done.
 */
final class LayoutCompiler {

    /** Arrays of zero-sized elements longer than this are refused (they would be all output). */
    private static final int MAX_ZERO_SIZED_ARRAY = 4096;

    private final Idl idl;
    private final Map<String, Codec> done = new HashMap<>();
    private final Set<String> compiling = new HashSet<>();
    private final Map<String, Codec.Ref> refs = new HashMap<>();

    LayoutCompiler(Idl idl) {
        this.idl = idl;
    }

    Codec.Struct event(IdlEvent event) {
        return struct(event.name(), event.fields(), Map.of());
    }

    private Codec.Struct struct(
            String name, List<IdlField> fields, Map<String, IdlType.GenericArg> env) {
        String[] names = new String[fields.size()];
        Codec[] codecs = new Codec[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            IdlField field = fields.get(i);
            names[i] = field.name() != null ? field.name() : String.valueOf(i);
            codecs[i] = type(field.type(), env);
        }
        return new Codec.Struct(name, names, codecs);
    }

    private Codec type(IdlType type, Map<String, IdlType.GenericArg> env) {
        if (type instanceof IdlType.Primitive p) {
            return Codec.primitive(p);
        }
        if (type instanceof IdlType.Vec v) {
            return new Codec.Vec(type(v.element(), env));
        }
        if (type instanceof IdlType.Option o) {
            return new Codec.Option(type(o.inner(), env));
        }
        if (type instanceof IdlType.COption o) {
            Codec inner = type(o.inner(), env);
            if (inner.minSize > Integer.MAX_VALUE) {
                throw new IdlException("coption<" + inner.describe() + "> is too large");
            }
            return new Codec.COption(inner, (int) inner.minSize);
        }
        if (type instanceof IdlType.Array a) {
            long length = Generics.arrayLength(a, env);
            Codec element = type(a.element(), env);
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new IdlException("array " + a.describe() + " has no usable length");
            }
            if (element.zeroSized && length > MAX_ZERO_SIZED_ARRAY) {
                throw new IdlException(
                        "array " + a.describe() + " of zero-sized elements is too long");
            }
            return new Codec.Array(element, (int) length);
        }
        if (type instanceof IdlType.Generic g
                && env.get(g.name()) instanceof IdlType.GenericArg.Type bound) {
            return type(bound.type(), Map.of());
        }
        if (type instanceof IdlType.Defined d) {
            return defined(d, env);
        }
        throw new IdlException("cannot decode " + type.describe());
    }

    private Codec defined(IdlType.Defined use, Map<String, IdlType.GenericArg> env) {
        IdlTypeDef def =
                idl.type(use.name())
                        .orElseThrow(
                                () -> new IdlException("type " + use.name() + " is not defined"));
        Map<String, IdlType.GenericArg> bound = Generics.bind(def, use, env);
        String key = Generics.key(def.name(), bound);
        Codec codec = done.get(key);
        if (codec != null) {
            return codec;
        }
        if (compiling.contains(key)) {
            return refs.computeIfAbsent(key, k -> new Codec.Ref(def.name()));
        }
        compiling.add(key);
        if (def.body() instanceof IdlTypeDef.Struct s) {
            codec = struct(def.name(), s.fields(), bound);
        } else if (def.body() instanceof IdlTypeDef.Enum e) {
            String[] names = new String[e.variants().size()];
            Codec.Struct[] bodies = new Codec.Struct[names.length];
            for (int i = 0; i < names.length; i++) {
                IdlTypeDef.Variant variant = e.variants().get(i);
                names[i] = variant.name();
                bodies[i] = struct(def.name() + "::" + variant.name(), variant.fields(), bound);
            }
            codec = new Codec.Enum(def.name(), names, bodies);
        } else {
            codec = type(((IdlTypeDef.Alias) def.body()).type(), bound);
        }
        compiling.remove(key);
        done.put(key, codec);
        Codec.Ref ref = refs.remove(key);
        if (ref != null) {
            ref.link(codec);
        }
        return codec;
    }
}
