package io.chainplay.schemas.chain;

/** Builds the {@link EventMeta} that typed domain records carry from their envelope. */
public final class EventMetas {

    private EventMetas() {}

    public static EventMeta of(ChainEvent event) {
        return EventMeta.newBuilder()
                .setEventId(event.getEventId())
                .setTxSignature(event.getTxSignature())
                .setSlot(event.getSlot())
                .setInstructionIndex(event.getInstructionIndex())
                .setEventIndex(event.getEventIndex())
                .setEventTime(event.getEventTime())
                .setFinality(event.getFinality())
                .setRetracted(event.getRetracted())
                .build();
    }

    /** The stable event id: {@code <chain>:<tx>:<instructionIndex>:<eventIndex>}. */
    public static String eventId(Chain chain, String tx, int instructionIndex, int eventIndex) {
        return chain.name().toLowerCase(java.util.Locale.ROOT)
                + ':'
                + tx
                + ':'
                + instructionIndex
                + ':'
                + eventIndex;
    }
}
