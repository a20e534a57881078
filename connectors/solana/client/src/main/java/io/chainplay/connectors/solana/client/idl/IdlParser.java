package io.chainplay.connectors.solana.client.idl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Anchor IDL JSON file, in either format, into an {@link Idl}.
 *
 * <p>The legacy (pre-0.30) format is the one anchor-syn's {@code lang/syn/src/idl/types.rs}
 * serialized up to 0.29 (coral-xyz/anchor @ 0840651ed6110d25b34333fea96db0fd77910030): top-level
 * {@code name}/{@code version}, events as {@code {name, fields: [{name, type, index}]}}, types
 * {@code "publicKey"}, {@code {"defined": "Name"}}, {@code {"array": [T, N]}}, and later 0.29
 * additions {@code "kind": "alias"}, {@code definedWithTypeArgs}, {@code generic}, {@code
 * genericLenArray}. The 0.30+ format (same file @ 9e32a33b4641095f7fc116cd821c5c96cf86e129): {@code
 * address}, {@code metadata.{name,version,spec}}, events as {@code {name, discriminator}} whose
 * fields are the struct of the same name in {@code types}, {@code "pubkey"}, {@code {"defined":
 * {"name", "generics"}}}, aliases as {@code {"kind": "type", "alias": T}}, array lengths {@code
 * {"generic": "N"}}.
 *
 * <p>Parsing checks what decoding relies on, and fails with an {@link IdlException} naming the
 * place: every type an event reaches is defined and supported, generic arguments match their
 * parameters, no type contains itself without a vec/option in between, and each discriminator in a
 * 0.30+ file equals sha256("event:" + name)[0..8] (custom discriminators of Anchor 0.31+ must be
 * allowed explicitly). Types only instructions use may be anything: they are never decoded here.
 */
public final class IdlParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final boolean allowCustomDiscriminators;

    private IdlParser(boolean allowCustomDiscriminators) {
        this.allowCustomDiscriminators = allowCustomDiscriminators;
    }

    /** Parses an IDL, requiring Anchor's sha256 event discriminators. */
    public static Idl parse(String json) {
        return new IdlParser(false).parseText(json);
    }

    /** Parses an IDL read from the stream (not closed here). */
    public static Idl parse(InputStream json) {
        try {
            return parse(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IdlException("IDL is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses an IDL already read as a JSON tree. */
    public static Idl parse(JsonNode root) {
        return new IdlParser(false).parseTree(root);
    }

    /**
     * Parses an IDL whose 0.30+ discriminators may differ from sha256("event:" + name)[0..8]:
     * Anchor 0.31+ programs can set them with {@code #[event(discriminator = ...)]}, of any length.
     * Use only for such programs; for others a mismatch means a broken IDL.
     */
    public static Idl parseAllowingCustomDiscriminators(String json) {
        return new IdlParser(true).parseText(json);
    }

    private Idl parseText(String json) {
        try {
            return parseTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IdlException("IDL is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Idl parseTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IdlException("IDL must be a JSON object");
        }
        JsonNode metadata = root.path("metadata");
        boolean v030 = root.hasNonNull("address") && metadata.hasNonNull("spec");
        Idl.Format format;
        String name;
        String version;
        String address;
        if (v030) {
            format = Idl.Format.V0_30;
            name = text(metadata, "name", "metadata.name");
            version = metadata.path("version").asText(null);
            address = root.get("address").asText();
        } else if (root.hasNonNull("name")) {
            format = Idl.Format.LEGACY;
            name = text(root, "name", "name");
            version = root.path("version").asText(null);
            address = metadata.path("address").asText(null);
        } else {
            throw new IdlException(
                    "Not an Anchor IDL: expected either 'address' and 'metadata.spec' (Anchor"
                            + " 0.30+) or a top-level 'name' (legacy format)");
        }
        String where = "IDL '" + name + "'";

        Map<String, IdlTypeDef> types = new LinkedHashMap<>();
        for (JsonNode typeDef : array(root, "types", where)) {
            IdlTypeDef def = typeDef(typeDef, where + " types");
            types.put(def.name(), def);
        }
        if (format == Idl.Format.LEGACY) {
            // Legacy IDLs describe account structs inline in 'accounts'; events may use them.
            for (JsonNode account : array(root, "accounts", where)) {
                if (account.has("type") && !types.containsKey(account.path("name").asText())) {
                    IdlTypeDef def = typeDef(account, where + " accounts");
                    types.put(def.name(), def);
                }
            }
        }

        List<IdlEvent> events = new ArrayList<>();
        for (JsonNode event : array(root, "events", where)) {
            events.add(
                    format == Idl.Format.LEGACY
                            ? legacyEvent(event, where)
                            : event(event, types, where));
        }
        checkDiscriminatorsDistinct(events, where);
        Idl idl = new Idl(format, name, version, address, events, types);
        for (IdlEvent event : events) {
            new Validator(idl, where + " event " + event.name()).fields(event.fields(), Map.of());
        }
        return idl;
    }

    private IdlEvent legacyEvent(JsonNode event, String where) {
        String eventName = text(event, "name", where + " events[].name");
        String at = where + " event " + eventName;
        List<IdlField> fields = new ArrayList<>();
        for (JsonNode field : array(event, "fields", at)) {
            fields.add(
                    IdlField.named(
                            text(field, "name", at + " field name"), type(field.get("type"), at)));
        }
        byte[] expected = Discriminators.event(eventName);
        byte[] discriminator = event.has("discriminator") ? discriminator(event, at) : expected;
        checkDiscriminator(eventName, discriminator, expected, at);
        return new IdlEvent(eventName, discriminator, fields);
    }

    private IdlEvent event(JsonNode event, Map<String, IdlTypeDef> types, String where) {
        String eventName = text(event, "name", where + " events[].name");
        String at = where + " event " + eventName;
        byte[] discriminator = discriminator(event, at);
        checkDiscriminator(eventName, discriminator, Discriminators.event(eventName), at);
        IdlTypeDef def = types.get(eventName);
        if (def == null) {
            throw new IdlException(at + ": no type named " + eventName + " in 'types'");
        }
        if (!(def.body() instanceof IdlTypeDef.Struct struct) || !def.generics().isEmpty()) {
            throw new IdlException(at + ": type " + eventName + " must be a non-generic struct");
        }
        return new IdlEvent(eventName, discriminator, struct.fields());
    }

    private void checkDiscriminator(String eventName, byte[] actual, byte[] expected, String at) {
        if (Arrays.equals(actual, expected)) {
            return;
        }
        if (allowCustomDiscriminators && actual.length > 0) {
            return;
        }
        HexFormat hex = HexFormat.of();
        throw new IdlException(
                at
                        + ": discriminator "
                        + hex.formatHex(actual)
                        + " is not sha256(\"event:"
                        + eventName
                        + "\")[0..8] = "
                        + hex.formatHex(expected)
                        + ". A wrong IDL would decode every event as garbage; if the program sets"
                        + " custom discriminators (Anchor 0.31+ #[event(discriminator = ...)]),"
                        + " load it with custom discriminators allowed");
    }

    private static void checkDiscriminatorsDistinct(List<IdlEvent> events, String where) {
        for (int i = 0; i < events.size(); i++) {
            for (int j = i + 1; j < events.size(); j++) {
                byte[] a = events.get(i).discriminator();
                byte[] b = events.get(j).discriminator();
                int n = Math.min(a.length, b.length);
                if (Arrays.equals(a, 0, n, b, 0, n)) {
                    throw new IdlException(
                            where
                                    + ": events "
                                    + events.get(i).name()
                                    + " and "
                                    + events.get(j).name()
                                    + " have clashing discriminators "
                                    + events.get(i).discriminatorHex()
                                    + " / "
                                    + events.get(j).discriminatorHex());
                }
            }
        }
    }

    private static byte[] discriminator(JsonNode event, String at) {
        JsonNode bytes = event.get("discriminator");
        if (bytes == null || !bytes.isArray() || bytes.isEmpty()) {
            throw new IdlException(at + ": 'discriminator' must be a non-empty array of bytes");
        }
        byte[] result = new byte[bytes.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode b = bytes.get(i);
            if (!b.canConvertToInt() || b.asInt() < 0 || b.asInt() > 255) {
                throw new IdlException(at + ": discriminator byte " + i + " is not 0..255: " + b);
            }
            result[i] = (byte) b.asInt();
        }
        return result;
    }

    private IdlTypeDef typeDef(JsonNode node, String where) {
        String typeName = text(node, "name", where + "[].name");
        String at = where + " " + typeName;
        JsonNode ty = node.get("type");
        if (ty == null || !ty.isObject()) {
            throw new IdlException(at + ": 'type' must be an object");
        }
        List<String> generics = new ArrayList<>();
        for (JsonNode generic : array(node, "generics", at)) {
            // 0.30+: {"kind": "type"|"const", "name": "T"}; 0.29: plain "T".
            generics.add(
                    generic.isTextual()
                            ? generic.asText()
                            : text(generic, "name", at + " generics"));
        }
        String kind = ty.path("kind").asText("");
        IdlTypeDef.Body body =
                switch (kind) {
                    case "struct" -> new IdlTypeDef.Struct(fields(ty.get("fields"), at));
                    case "enum" -> {
                        List<IdlTypeDef.Variant> variants = new ArrayList<>();
                        for (JsonNode variant : array(ty, "variants", at)) {
                            String variantName = text(variant, "name", at + " variant name");
                            variants.add(
                                    new IdlTypeDef.Variant(
                                            variantName,
                                            fields(
                                                    variant.get("fields"),
                                                    at + "::" + variantName)));
                        }
                        yield new IdlTypeDef.Enum(variants);
                    }
                    case "type" -> new IdlTypeDef.Alias(type(ty.get("alias"), at)); // 0.30+
                    case "alias" -> new IdlTypeDef.Alias(type(ty.get("value"), at)); // legacy
                    default ->
                            throw new IdlException(
                                    at
                                            + ": unknown type kind '"
                                            + kind
                                            + "' (expected struct, enum, type or alias)");
                };
        return new IdlTypeDef(typeName, generics, body);
    }

    /** Named fields ({name, type} objects) or tuple fields (bare types); absent means none. */
    private List<IdlField> fields(JsonNode fields, String at) {
        if (fields == null || fields.isNull()) {
            return List.of();
        }
        if (!fields.isArray()) {
            throw new IdlException(at + ": 'fields' must be an array");
        }
        List<IdlField> result = new ArrayList<>(fields.size());
        boolean named = !fields.isEmpty() && isNamedField(fields.get(0));
        for (JsonNode field : fields) {
            if (isNamedField(field) != named) {
                throw new IdlException(at + ": mixes named and unnamed fields");
            }
            result.add(
                    named
                            ? IdlField.named(
                                    field.get("name").asText(),
                                    type(field.get("type"), at + "." + field.get("name").asText()))
                            : IdlField.unnamed(type(field, at + "." + result.size())));
        }
        return result;
    }

    private static boolean isNamedField(JsonNode field) {
        return field.isObject() && field.has("name") && field.has("type");
    }

    /** Parses a type; anything unknown becomes {@link IdlType.Unsupported} (checked later). */
    static IdlType type(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw new IdlException(at + ": missing 'type'");
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "bool" -> IdlType.Primitive.BOOL;
                case "u8" -> IdlType.Primitive.U8;
                case "i8" -> IdlType.Primitive.I8;
                case "u16" -> IdlType.Primitive.U16;
                case "i16" -> IdlType.Primitive.I16;
                case "u32" -> IdlType.Primitive.U32;
                case "i32" -> IdlType.Primitive.I32;
                case "f32" -> IdlType.Primitive.F32;
                case "u64" -> IdlType.Primitive.U64;
                case "i64" -> IdlType.Primitive.I64;
                case "f64" -> IdlType.Primitive.F64;
                case "u128" -> IdlType.Primitive.U128;
                case "i128" -> IdlType.Primitive.I128;
                case "u256" -> IdlType.Primitive.U256;
                case "i256" -> IdlType.Primitive.I256;
                case "bytes" -> IdlType.Primitive.BYTES;
                case "string" -> IdlType.Primitive.STRING;
                case "pubkey", "publicKey" -> IdlType.Primitive.PUBKEY;
                default -> new IdlType.Unsupported(node.toString());
            };
        }
        if (!node.isObject() || node.size() != 1) {
            return new IdlType.Unsupported(node.toString());
        }
        String key = node.fieldNames().next();
        JsonNode value = node.get(key);
        switch (key) {
            case "vec":
                return new IdlType.Vec(type(value, at));
            case "option":
                return new IdlType.Option(type(value, at));
            case "coption":
                return new IdlType.COption(type(value, at));
            case "array":
            case "genericLenArray":
                if (!value.isArray() || value.size() != 2) {
                    throw new IdlException(at + ": '" + key + "' must be [type, length]: " + node);
                }
                IdlType element = type(value.get(0), at);
                JsonNode len = value.get(1);
                if (len.canConvertToLong() && len.asLong() >= 0) {
                    return IdlType.Array.of(element, len.asLong());
                }
                if (len.isTextual()) {
                    return new IdlType.Array(element, -1, len.asText());
                }
                if (len.isObject() && len.path("generic").isTextual()) {
                    return new IdlType.Array(element, -1, len.get("generic").asText());
                }
                throw new IdlException(at + ": bad array length " + len);
            case "defined":
                if (value.isTextual()) {
                    return IdlType.Defined.of(value.asText()); // legacy
                }
                if (value.isObject() && value.path("name").isTextual()) {
                    List<IdlType.GenericArg> args = new ArrayList<>();
                    for (JsonNode arg : value.path("generics")) {
                        args.add(
                                "const".equals(arg.path("kind").asText())
                                        ? new IdlType.GenericArg.Const(arg.path("value").asText())
                                        : new IdlType.GenericArg.Type(type(arg.get("type"), at)));
                    }
                    return new IdlType.Defined(value.get("name").asText(), args);
                }
                throw new IdlException(at + ": bad 'defined' " + node);
            case "definedWithTypeArgs":
                {
                    // Anchor 0.29: {"name": "X", "args": [{"type": T} | {"value": "8"}]}
                    List<IdlType.GenericArg> args = new ArrayList<>();
                    for (JsonNode arg : value.path("args")) {
                        args.add(
                                arg.has("type")
                                        ? new IdlType.GenericArg.Type(type(arg.get("type"), at))
                                        : new IdlType.GenericArg.Const(arg.path("value").asText()));
                    }
                    return new IdlType.Defined(value.path("name").asText(), args);
                }
            case "generic":
                return new IdlType.Generic(value.asText());
            default:
                return new IdlType.Unsupported(node.toString());
        }
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IdlException("IDL: missing or empty " + what);
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IdlException(where + ": '" + field + "' must be an array");
        }
        return value;
    }

    /**
     * Walks what an event reaches, with generic parameters bound, and rejects what decoding could
     * not do. Types are checked once per (name, arguments); recursion through a vec or option is
     * fine, direct self-containment (infinite size) is not.
     */
    private static final class Validator {
        private final Idl idl;
        private final String where;
        private final Set<String> done = new HashSet<>();
        private final Deque<String> direct = new ArrayDeque<>();
        private final List<String> path = new ArrayList<>();

        Validator(Idl idl, String where) {
            this.idl = idl;
            this.where = where;
        }

        void fields(List<IdlField> fields, Map<String, IdlType.GenericArg> env) {
            for (int i = 0; i < fields.size(); i++) {
                IdlField field = fields.get(i);
                path.add(field.name() != null ? field.name() : String.valueOf(i));
                type(field.type(), env);
                path.remove(path.size() - 1);
            }
        }

        private void type(IdlType type, Map<String, IdlType.GenericArg> env) {
            if (type instanceof IdlType.Primitive) {
                return;
            }
            if (type instanceof IdlType.Vec vec) {
                indirect(vec.element(), env);
            } else if (type instanceof IdlType.Option option) {
                indirect(option.inner(), env);
            } else if (type instanceof IdlType.COption coption) {
                type(coption.inner(), env);
                if (!fixedSize(coption.inner(), env, new HashSet<>())) {
                    throw fail(
                            "coption<"
                                    + coption.inner().describe()
                                    + "> needs a fixed-size inner type");
                }
            } else if (type instanceof IdlType.Array array) {
                if (Generics.arrayLength(array, env) < 0) {
                    throw fail(
                            "array length "
                                    + array.genericLength()
                                    + " is not bound to a non-negative number");
                }
                type(array.element(), env);
            } else if (type instanceof IdlType.Generic generic) {
                IdlType.GenericArg arg = env.get(generic.name());
                if (!(arg instanceof IdlType.GenericArg.Type bound)) {
                    throw fail("generic " + generic.name() + " is not bound to a type");
                }
                type(bound.type(), Map.of());
            } else if (type instanceof IdlType.Defined defined) {
                defined(defined, env);
            } else if (type instanceof IdlType.Unsupported unsupported) {
                throw fail(unsupported.describe());
            }
        }

        private void indirect(IdlType inner, Map<String, IdlType.GenericArg> env) {
            List<String> saved = new ArrayList<>(direct);
            direct.clear();
            try {
                type(inner, env);
            } finally {
                direct.clear();
                direct.addAll(saved);
            }
        }

        private void defined(IdlType.Defined defined, Map<String, IdlType.GenericArg> env) {
            IdlTypeDef def = idl.types().get(defined.name());
            if (def == null) {
                throw fail("type " + defined.name() + " is not defined in the IDL");
            }
            if (def.generics().size() != defined.generics().size()) {
                throw fail(
                        "type "
                                + defined.name()
                                + " takes "
                                + def.generics().size()
                                + " generic arguments, got "
                                + defined.generics().size());
            }
            Map<String, IdlType.GenericArg> inner = Generics.bind(def, defined, env);
            String key = Generics.key(defined.name(), inner);
            if (direct.contains(key)) {
                throw fail("type " + defined.name() + " contains itself (infinite size)");
            }
            if (!done.add(key)) {
                return;
            }
            direct.push(key);
            try {
                if (def.body() instanceof IdlTypeDef.Struct struct) {
                    fields(struct.fields(), inner);
                } else if (def.body() instanceof IdlTypeDef.Enum en) {
                    if (en.variants().size() > 256) {
                        throw fail("enum " + def.name() + " has more than 256 variants");
                    }
                    for (IdlTypeDef.Variant variant : en.variants()) {
                        path.add(variant.name());
                        fields(variant.fields(), inner);
                        path.remove(path.size() - 1);
                    }
                } else if (def.body() instanceof IdlTypeDef.Alias alias) {
                    type(alias.type(), inner);
                }
            } finally {
                direct.pop();
            }
        }

        private boolean fixedSize(
                IdlType type, Map<String, IdlType.GenericArg> env, Set<String> seen) {
            if (type instanceof IdlType.Primitive p) {
                return p != IdlType.Primitive.BYTES && p != IdlType.Primitive.STRING;
            }
            if (type instanceof IdlType.Array array) {
                return fixedSize(array.element(), env, seen);
            }
            if (type instanceof IdlType.COption coption) {
                return fixedSize(coption.inner(), env, seen);
            }
            if (type instanceof IdlType.Generic generic
                    && env.get(generic.name()) instanceof IdlType.GenericArg.Type bound) {
                return fixedSize(bound.type(), Map.of(), seen);
            }
            if (type instanceof IdlType.Defined defined && seen.add(defined.name())) {
                IdlTypeDef def = idl.types().get(defined.name());
                Map<String, IdlType.GenericArg> inner = Generics.bind(def, defined, env);
                if (def.body() instanceof IdlTypeDef.Struct struct) {
                    return struct.fields().stream().allMatch(f -> fixedSize(f.type(), inner, seen));
                }
                if (def.body() instanceof IdlTypeDef.Alias alias) {
                    return fixedSize(alias.type(), inner, seen);
                }
            }
            return false; // vec, option, string, enum: the size depends on the value
        }

        private IdlException fail(String reason) {
            return new IdlException(
                    where
                            + (path.isEmpty() ? "" : " field " + String.join(".", path))
                            + ": "
                            + reason);
        }
    }
}
