package io.chainplay.connectors.solana.client.idl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of an Anchor IDL that event decoding needs: the program's name, its events and the named
 * types they use. Built by {@link IdlParser}, which has already checked that every type an event
 * reaches is defined and supported.
 *
 * @param format which IDL format the file was written in
 * @param name the program name ({@code metadata.name}, or the legacy top-level {@code name})
 * @param version the program version the IDL states, or null
 * @param address the program id the IDL states ({@code address}; legacy: {@code metadata.address}),
 *     or null; the registry's configured program id wins over it
 * @param events the events, in file order
 * @param types the named types by name (legacy {@code accounts} included)
 */
public record Idl(
        Format format,
        String name,
        String version,
        String address,
        List<IdlEvent> events,
        Map<String, IdlTypeDef> types) {

    /** The two IDL formats Anchor has written. */
    public enum Format {
        /** Anchor before 0.30: top-level name/version, inline event fields, "publicKey". */
        LEGACY,
        /** Anchor 0.30 and later: address, metadata.spec, event discriminators, "pubkey". */
        V0_30
    }

    public Idl {
        events = List.copyOf(events);
        types = Map.copyOf(new LinkedHashMap<>(types));
    }

    public Optional<IdlEvent> event(String eventName) {
        return events.stream().filter(e -> e.name().equals(eventName)).findFirst();
    }

    public Optional<IdlTypeDef> type(String typeName) {
        return Optional.ofNullable(types.get(typeName));
    }
}
