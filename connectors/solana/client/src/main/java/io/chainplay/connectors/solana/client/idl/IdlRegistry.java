package io.chainplay.connectors.solana.client.idl;

import io.chainplay.schemas.solana.Base58;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IDLs of the programs to decode, by program id, each with its versions over slot ranges.
 *
 * <p>Events are routed by program id first: Anchor discriminators are only unique within one
 * program (a router and an AMM can both emit a {@code SwapEvent} with the same discriminator). Then
 * the slot picks the version: a program's event layouts grow over time (pump.fun's {@code
 * TradeEvent} went from 10 to 32 fields), and each IDL version decodes the slots {@code [fromSlot,
 * next version's fromSlot)}. A slot before a program's first version has no IDL; its events become
 * decode failures, never a guess.
 *
 * <h2>Configuration</h2>
 *
 * <p>{@link #fromSpecs(List)} takes one string per program version, comma-separated {@code
 * key=value} pairs (no semicolons, so a list of them fits a Flink {@code List<String>} option):
 *
 * <pre>
 * idl=classpath:idl/fare_vault.json
 * program=6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P, idl=/etc/chainplay/pump-2025-04.json, fromSlot=0, label=pump-v1
 * program=6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P, idl=/etc/chainplay/pump-latest.json, fromSlot=370000000
 * </pre>
 *
 * <ul>
 *   <li>{@code idl} (required): a file path, or {@code classpath:} and a resource name.
 *   <li>{@code program}: the program id (base58). Optional for 0.30+ IDLs, which state their {@code
 *       address}; when both are given the configured one wins (the same program deploys at other
 *       addresses on devnet or a local validator).
 *   <li>{@code fromSlot}: first slot this version decodes; default 0.
 *   <li>{@code name}: the program name used in envelopes and topics; default the IDL's name.
 *   <li>{@code label}: names the version in decoded events; default {@code <name>@<fromSlot>}.
 *   <li>{@code customDiscriminators}: {@code true} for Anchor 0.31+ programs that set {@code
 *       #[event(discriminator = ...)]}; default false, which rejects any discriminator that is not
 *       sha256("event:" + name)[0..8].
 * </ul>
 *
 * <p>Several entries with the same program are its versions; their {@code fromSlot}s must differ.
 */
public final class IdlRegistry {

    private static final List<String> SPEC_KEYS =
            List.of("program", "idl", "fromSlot", "name", "label", "customDiscriminators");

    private final Map<String, List<ProgramIdl>> byProgram;

    private IdlRegistry(Map<String, List<ProgramIdl>> byProgram) {
        this.byProgram = byProgram;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A registry built from the configuration strings described in the class comment. */
    public static IdlRegistry fromSpecs(List<String> specs) {
        Builder builder = builder();
        for (String spec : specs) {
            builder.addSpec(spec);
        }
        return builder.build();
    }

    /** The version of the program's IDL that decodes the slot, if the program is configured. */
    public Optional<ProgramIdl> resolve(String programId, long slot) {
        List<ProgramIdl> versions = byProgram.get(programId);
        if (versions == null) {
            return Optional.empty();
        }
        // Few versions per program: a scan from the newest beats a binary search here.
        for (int i = versions.size() - 1; i >= 0; i--) {
            ProgramIdl version = versions.get(i);
            if (slot >= version.fromSlot()) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    public boolean contains(String programId) {
        return byProgram.containsKey(programId);
    }

    public Set<String> programIds() {
        return byProgram.keySet();
    }

    /** The program's versions ordered by slot; empty when the program is not configured. */
    public List<ProgramIdl> versions(String programId) {
        return byProgram.getOrDefault(programId, List.of());
    }

    /** Every version of every program. */
    public List<ProgramIdl> all() {
        List<ProgramIdl> all = new ArrayList<>();
        byProgram.values().forEach(all::addAll);
        return all;
    }

    @Override
    public String toString() {
        return "IdlRegistry" + all();
    }

    /** Collects program IDL versions; {@link #build()} checks them. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        Builder() {}

        /** Adds a version for a program, labelled {@code <IDL name>@<fromSlot>}. */
        public Builder add(String programId, Idl idl, long fromSlot) {
            return add(programId, idl, fromSlot, null, null);
        }

        /**
         * Adds a version for a program.
         *
         * @param programId base58 program id; null takes the IDL's own {@code address}
         * @param idl the parsed IDL
         * @param fromSlot first slot the version decodes
         * @param name program name; null takes the IDL's
         * @param label version label; null makes {@code <name>@<fromSlot>}
         */
        public Builder add(String programId, Idl idl, long fromSlot, String name, String label) {
            entries.add(
                    new Entry(
                            programId,
                            idl,
                            fromSlot,
                            name,
                            label,
                            "add(...) #" + (entries.size() + 1)));
            return this;
        }

        /** Adds a version from one configuration string (see {@link IdlRegistry}). */
        public Builder addSpec(String spec) {
            Map<String, String> values = parseSpec(spec);
            String location = values.get("idl");
            if (location == null || location.isBlank()) {
                throw new IdlException(
                        "IDL spec '" + spec + "' has no idl=<path or classpath:resource>");
            }
            boolean custom =
                    Boolean.parseBoolean(values.getOrDefault("customDiscriminators", "false"));
            Idl idl = load(location, custom);
            long fromSlot;
            try {
                fromSlot = Long.parseLong(values.getOrDefault("fromSlot", "0").replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IdlException("IDL spec '" + spec + "': fromSlot must be a slot number");
            }
            entries.add(
                    new Entry(
                            values.get("program"),
                            idl,
                            fromSlot,
                            values.get("name"),
                            values.get("label"),
                            "spec '" + spec + "'"));
            return this;
        }

        /** Checks the entries and orders each program's versions by slot. */
        public IdlRegistry build() {
            if (entries.isEmpty()) {
                throw new IdlException(
                        "No program IDL configured: add at least one, e.g."
                                + " idl=classpath:idl/fare_vault.json or"
                                + " program=<base58 id>,idl=/path/to/idl.json,fromSlot=0");
            }
            Map<String, List<Entry>> grouped = new LinkedHashMap<>();
            for (Entry entry : entries) {
                String programId =
                        entry.programId != null ? entry.programId.trim() : entry.idl.address();
                if (programId == null || programId.isEmpty()) {
                    throw new IdlException(
                            entry.origin
                                    + ": IDL '"
                                    + entry.idl.name()
                                    + "' (legacy format) states no address: set program=<base58 program id>");
                }
                if (!Base58.isPublicKey(programId)) {
                    throw new IdlException(
                            entry.origin
                                    + ": program id '"
                                    + programId
                                    + "' is not a base58 public key");
                }
                if (entry.fromSlot < 0) {
                    throw new IdlException(
                            entry.origin + ": fromSlot must be >= 0, got " + entry.fromSlot);
                }
                grouped.computeIfAbsent(programId, k -> new ArrayList<>()).add(entry);
            }
            Map<String, List<ProgramIdl>> byProgram = new LinkedHashMap<>();
            grouped.forEach(
                    (programId, list) -> {
                        list.sort(Comparator.comparingLong(e -> e.fromSlot));
                        List<ProgramIdl> versions = new ArrayList<>();
                        for (int i = 0; i < list.size(); i++) {
                            Entry entry = list.get(i);
                            if (i > 0 && list.get(i - 1).fromSlot == entry.fromSlot) {
                                throw new IdlException(
                                        "Program "
                                                + programId
                                                + " has two IDL versions from slot "
                                                + entry.fromSlot
                                                + ": give each version its own fromSlot");
                            }
                            long until =
                                    i + 1 < list.size() ? list.get(i + 1).fromSlot : Long.MAX_VALUE;
                            String name = entry.name != null ? entry.name : entry.idl.name();
                            String label =
                                    entry.label != null ? entry.label : name + "@" + entry.fromSlot;
                            versions.add(
                                    new ProgramIdl(
                                            programId,
                                            name,
                                            label,
                                            entry.fromSlot,
                                            until,
                                            entry.idl));
                        }
                        byProgram.put(programId, Collections.unmodifiableList(versions));
                    });
            return new IdlRegistry(Collections.unmodifiableMap(byProgram));
        }
    }

    /** Splits {@code key=value, key=value}; keys as in the class comment. */
    static Map<String, String> parseSpec(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IdlException(
                        "IDL spec '" + spec + "': '" + part.trim() + "' is not key=value");
            }
            String key = part.substring(0, eq).trim();
            String canonical =
                    SPEC_KEYS.stream()
                            .filter(
                                    k ->
                                            k.toLowerCase(Locale.ROOT)
                                                    .equals(key.toLowerCase(Locale.ROOT)))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IdlException(
                                                    "IDL spec '"
                                                            + spec
                                                            + "': unknown key '"
                                                            + key
                                                            + "' (keys: "
                                                            + SPEC_KEYS
                                                            + ")"));
            values.put(canonical, part.substring(eq + 1).trim());
        }
        return values;
    }

    /** Reads an IDL from {@code classpath:<resource>} or a file path. */
    static Idl load(String location, boolean customDiscriminators) {
        try (InputStream in = open(location)) {
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                return customDiscriminators
                        ? IdlParser.parseAllowingCustomDiscriminators(json)
                        : IdlParser.parse(json);
            } catch (IdlException e) {
                throw new IdlException(location + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDL " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = loader != null ? loader.getResourceAsStream(resource) : null;
            if (in == null) {
                in = IdlRegistry.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IdlException("IDL resource not found on the classpath: " + resource);
            }
            return in;
        }
        Path path = Path.of(location.startsWith("file:") ? location.substring(5) : location);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new IdlException("IDL file not found: " + path.toAbsolutePath());
        }
    }

    private record Entry(
            String programId, Idl idl, long fromSlot, String name, String label, String origin) {}
}
