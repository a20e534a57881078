package io.chainplay.pipelines.casino;

import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.GenericArraySerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.BOB;
import static io.chainplay.pipelines.casino.CasinoFixtures.DIE;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.pubkey;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CasinoEventSerializerTest {

    private static final CasinoEventSerializer SERIALIZER = CasinoEventSerializer.INSTANCE;

    @Test
    void theSerializerCoversEveryFieldOfTheEvent() {
        assertThat(instanceFields())
                .as(
                        "CasinoEvent's fields. A field was added or removed: write it in"
                                + " CasinoEventSerializer as a new format version (VERSION_2"
                                + " writing it, still reading VERSION_1), update FIELDS there,"
                                + " and CasinoEvent.copy() and equals()")
                .hasSize(CasinoEventSerializer.FIELDS);
    }

    @Test
    void eachFieldAloneRoundTripsAndCountsInEqualsAndCopy() throws Exception {
        for (Field field : instanceFields()) {
            CasinoEvent event = new CasinoEvent();
            field.set(event, unusualValue(field.getType()));

            CasinoEvent back = roundTrip(event);

            assertThat(field.get(back)).as(field.getName()).isEqualTo(field.get(event));
            assertThat(event)
                    .as("CasinoEvent.equals() must compare " + field.getName())
                    .isNotEqualTo(new CasinoEvent());
            assertThat(field.get(event.copy()))
                    .as("CasinoEvent.copy() must copy " + field.getName())
                    .isEqualTo(field.get(event));
        }
    }

    @Test
    void roundTripsATypicalEventOfEachType() throws Exception {
        List<CasinoEvent> events = typicalEvents();
        assertThat(events).extracting(e -> e.type).containsOnly(CasinoEvent.Type.values());
        for (CasinoEvent event : events) {
            assertRoundTrips(event);
        }
    }

    @Test
    void roundTripsAnEventWithEveryFieldSetForEachType() throws Exception {
        Random random = new Random(17);
        for (CasinoEvent.Type type : CasinoEvent.Type.values()) {
            for (int n = 0; n < 50; n++) {
                CasinoEvent event = randomEvent(random, 1.0);
                event.type = type;
                assertRoundTrips(event);
            }
        }
    }

    @Test
    void roundTripsRandomlySparseEvents() throws Exception {
        Random random = new Random(23);
        for (int n = 0; n < 2_000; n++) {
            assertRoundTrips(randomEvent(random, random.nextDouble()));
        }
    }

    @Test
    void roundTripsAnEmptyAndAMostlyNullEvent() throws Exception {
        assertRoundTrips(new CasinoEvent());

        CasinoEvent mostlyNull = new CasinoEvent();
        mostlyNull.type = CasinoEvent.Type.TRIAL_RESOLVED;
        mostlyNull.eventId = "solana:x:0:0";
        assertRoundTrips(mostlyNull);

        // Two bytes: the version and an empty field mask.
        assertThat(serialize(new CasinoEvent())).hasSize(2);
    }

    @Test
    void keepsNullsApartFromEmptyAndZeroValues() throws Exception {
        CasinoEvent empty = new CasinoEvent();
        empty.qk = new double[0];
        empty.vaultValue = 0.0;
        empty.eventId = "";
        empty.trialId = null;

        CasinoEvent back = roundTrip(empty);

        assertThat(back.qk).isNotNull().isEmpty();
        assertThat(back.vaultValue).isEqualTo(0.0);
        assertThat(back.eventId).isEmpty();
        assertThat(back.trialId).isNull();
        assertThat(roundTrip(new CasinoEvent()).qk).isNull();
        assertThat(roundTrip(new CasinoEvent()).vaultValue).isNull();
    }

    @Test
    void keepsTheBitsOfOddNumbers() throws Exception {
        CasinoEvent event = new CasinoEvent();
        event.type = CasinoEvent.Type.POOL_REGISTERED;
        event.wager = -1L; // u64 max
        event.amount = Long.MIN_VALUE; // 2^63
        event.resultIndex = Long.MAX_VALUE;
        event.slot = -2;
        event.eventTime = -T0;
        event.instructionIndex = Integer.MIN_VALUE;
        event.eventIndex = -1;
        event.feeType = 255;
        event.randomness = Double.NaN;
        event.feePlayMultiplier = -0.0;
        event.feeLossMultiplier = Double.NEGATIVE_INFINITY;
        event.feeMintMultiplier = Double.MIN_VALUE;
        event.feeHostPercent = -12.5;
        event.feePoolPercent = Double.MAX_VALUE;
        event.minLimitForTicket = Double.longBitsToDouble(0x7ff0_0000_0000_0001L); // a NaN
        event.probability = Double.POSITIVE_INFINITY;
        event.vaultValue = Double.longBitsToDouble(0xfff8_0000_0000_0abcL); // another NaN
        event.qk = new double[] {Double.NaN, -0.0, 0.0, -1e300, Double.MIN_NORMAL};

        CasinoEvent back = roundTrip(event);

        assertRoundTrips(event);
        assertThat(Double.doubleToRawLongBits(back.feePlayMultiplier))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(back.minLimitForTicket))
                .isEqualTo(0x7ff0_0000_0000_0001L);
        assertThat(Double.doubleToRawLongBits(back.vaultValue)).isEqualTo(0xfff8_0000_0000_0abcL);
        assertThat(Double.doubleToRawLongBits(back.qk[1]))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void roundTripsStringsOfAnyChars() throws Exception {
        StringBuilder everyChar = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            everyChar.append((char) c);
        }
        List<String> strings =
                List.of(
                        "",
                        "\u0000",
                        "café crème", // Latin-1, one byte a char
                        "ÿ\u0080\u00a0",
                        "\u0100", // the first char past Latin-1
                        "日本語のプール",
                        "a 🎲 die", // a surrogate pair
                        "lone \uD800 high, lone \uDC00 low", // which UTF-8 would not keep
                        "x".repeat(70_000),
                        "é".repeat(70_000) + "\uFFFF",
                        everyChar.toString());
        for (String s : strings) {
            DataOutputSerializer out = new DataOutputSerializer(16);
            CasinoEventSerializer.writeString(s, out);
            CasinoEventSerializer.writeString(null, out);
            CasinoEventSerializer.writeString(s, out);
            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            assertThat(CasinoEventSerializer.readString(in)).isEqualTo(s);
            assertThat(CasinoEventSerializer.readString(in)).isNull();
            assertThat(CasinoEventSerializer.readString(in)).isEqualTo(s);
            assertThat(in.available()).isZero();

            CasinoEvent event = typicalEvents().get(0);
            event.player = s;
            event.extraDataHash = s;
            assertRoundTrips(event);
        }
    }

    @Test
    void anAsciiStringIsItsLengthAndItsBytes() throws Exception {
        String eventId = "solana:" + signature(new Random(3)) + ":1:2";
        DataOutputSerializer out = new DataOutputSerializer(16);

        CasinoEventSerializer.writeString(eventId, out);

        assertThat(eventId.length()).isBetween(64, 8191); // a two-byte header
        assertThat(out.length()).isEqualTo(2 + eventId.length());
    }

    @Test
    void copiesADeepCopy() {
        CasinoEvent event = typicalEvents().get(0);

        CasinoEvent copy = SERIALIZER.copy(event);

        assertThat(copy).isEqualTo(event).isNotSameAs(event);
        assertThat(copy.qk).isEqualTo(event.qk).isNotSameAs(event.qk);
        assertThat(SERIALIZER.copy(event, new CasinoEvent())).isEqualTo(event);
    }

    @Test
    void copiesSerializedEventsFromViewToView() throws Exception {
        List<CasinoEvent> events = new ArrayList<>(typicalEvents());
        events.add(new CasinoEvent());
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (CasinoEvent event : events) {
            SERIALIZER.serialize(event, out);
        }
        byte[] written = out.getCopyOfBuffer();

        DataInputDeserializer in = new DataInputDeserializer(written);
        DataOutputSerializer copied = new DataOutputSerializer(256);
        for (int i = 0; i < events.size(); i++) {
            SERIALIZER.copy(in, copied);
        }

        assertThat(in.available()).isZero();
        assertThat(copied.getCopyOfBuffer()).isEqualTo(written);
        DataInputDeserializer back = new DataInputDeserializer(copied.getCopyOfBuffer());
        for (CasinoEvent event : events) {
            assertThat(SERIALIZER.deserialize(back)).isEqualTo(event);
        }
    }

    @Test
    void refusesAFormatItDoesNotKnow() {
        byte[] bytes = {2, 0};
        assertThatThrownBy(() -> SERIALIZER.deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 2");
    }

    @Test
    void enumConstantsKeepTheOrdinalsTheFormatWasWrittenWith() {
        assertThat(CasinoEvent.Type.values())
                .as("CasinoEvent.Type is serialized by ordinal: append, never reorder")
                .startsWith(
                        CasinoEvent.Type.TRIAL_REGISTERED,
                        CasinoEvent.Type.TRIAL_RESOLVED,
                        CasinoEvent.Type.FEE_CHARGED,
                        CasinoEvent.Type.POOL_REGISTERED,
                        CasinoEvent.Type.POOL_ACCUMULATED_AMOUNT_UPDATED,
                        CasinoEvent.Type.POOL_ACCUMULATED_AMOUNT_RELEASED,
                        CasinoEvent.Type.VAULT_CONFIG_UPDATED);
        assertThat(EventKind.values())
                .as("EventKind is serialized by ordinal in CasinoEvent: append, never reorder")
                .startsWith(EventKind.OBSERVED, EventKind.FINALIZED, EventKind.RETRACTED);
    }

    @Test
    void itsSnapshotRestoresTheSameSerializer() throws Exception {
        TypeSerializerSnapshot<CasinoEvent> read = writeAndRead(SERIALIZER.snapshotConfiguration());

        TypeSerializerSchemaCompatibility<CasinoEvent> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read);

        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isSameAs(SERIALIZER);
    }

    @Test
    void stateOfThePojoSerializerRestoresByMigration() throws Exception {
        // What a Copy in state was before: a POJO whose event was a POJO too.
        TypeInformation<CasinoEvent> pojoEvent = pojoTypeInfoAsBefore();
        Map<String, TypeInformation<?>> copyFields = new LinkedHashMap<>();
        copyFields.put("event", pojoEvent);
        copyFields.put("flags", Types.INT);
        TypeSerializer<Copies.Copy> before =
                Types.POJO(Copies.Copy.class, copyFields).createSerializer(config());
        Copies.Copy copy = new Copies.Copy();
        copy.event = typicalEvents().get(0);
        copy.flags = Copies.OBSERVED | Copies.FINALIZED;
        DataOutputSerializer out = new DataOutputSerializer(256);
        before.serialize(copy, out);
        TypeSerializerSnapshot<Copies.Copy> old = writeAndRead(before.snapshotConfiguration());
        TypeSerializer<Copies.Copy> now =
                TypeInformation.of(Copies.Copy.class).createSerializer(config());

        TypeSerializerSchemaCompatibility<Copies.Copy> compatibility =
                now.snapshotConfiguration().resolveSchemaCompatibility(old);
        // Migration: read with the serializer restored from the old snapshot, write with today's.
        Copies.Copy read =
                old.restoreSerializer()
                        .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        DataOutputSerializer migrated = new DataOutputSerializer(256);
        now.serialize(read, migrated);
        Copies.Copy back = now.deserialize(new DataInputDeserializer(migrated.getCopyOfBuffer()));

        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        assertThat(back.event).isEqualTo(copy.event);
        assertThat(back.flags).isEqualTo(copy.flags);
        assertThat(migrated.length()).isLessThan(out.length());
        assertThat(
                        SERIALIZER
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(
                                        writeAndRead(
                                                pojoEvent
                                                        .createSerializer(config())
                                                        .snapshotConfiguration()))
                                .isCompatibleAfterMigration())
                .isTrue();
    }

    @Test
    void flinkDerivesThisSerializerForTheEventWhereverItIs() throws Exception {
        assertThat(TypeInformation.of(CasinoEvent.class).createSerializer(config()))
                .isSameAs(SERIALIZER);

        // Inside a state POJO, as the Copies of TrialState, PoolEventLedger.Entry, VaultHistory
        // and ConfigHistory keep it.
        TypeSerializer<Copies.Copy> copy =
                TypeInformation.of(Copies.Copy.class).createSerializer(config());
        assertThat(copy).isInstanceOf(PojoSerializer.class);
        assertThat(fieldSerializer((PojoSerializer<?>) copy, "event")).isSameAs(SERIALIZER);

        // In an array.
        TypeSerializer<CasinoEvent[]> array =
                TypeInformation.of(CasinoEvent[].class).createSerializer(config());
        assertThat(array).isInstanceOf(GenericArraySerializer.class);
        assertThat(((GenericArraySerializer<CasinoEvent>) array).getComponentSerializer())
                .isSameAs(SERIALIZER);

        // And a whole TrialState takes it through Copies.copies, a Copy[].
        TypeSerializer<TrialState> trial =
                TypeInformation.of(TrialState.class).createSerializer(config());
        TrialState state = new TrialState();
        state.registrations.apply(typicalEvents().get(0));
        state.resolutions.apply(typicalEvents().get(1));
        DataOutputSerializer out = new DataOutputSerializer(256);
        trial.serialize(state, out);
        TrialState back = trial.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.registration()).isEqualTo(state.registration());
        assertThat(back.resolution()).isEqualTo(state.resolution());
    }

    @Test
    void isSmallerThanThePojoSerializer() throws Exception {
        TypeSerializer<CasinoEvent> pojo = pojoTypeInfoAsBefore().createSerializer(config());
        for (CasinoEvent event : typicalEvents()) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            pojo.serialize(event, out);
            assertThat(serialize(event).length).as(event.eventName).isLessThan(out.length());
        }
    }

    /** Flink's own contract checks: duplicates, snapshots, sequences, reuse, copies. */
    @Nested
    class FlinkSerializerContract extends SerializerTestBase<CasinoEvent> {

        @Override
        protected TypeSerializer<CasinoEvent> createSerializer() {
            return SERIALIZER;
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected Class<CasinoEvent> getTypeClass() {
            return CasinoEvent.class;
        }

        @Override
        protected CasinoEvent[] getTestData() {
            List<CasinoEvent> events = new ArrayList<>(typicalEvents());
            events.add(new CasinoEvent());
            Random random = new Random(31);
            for (int n = 0; n < 20; n++) {
                events.add(randomEvent(random, random.nextDouble()));
            }
            return events.toArray(new CasinoEvent[0]);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRoundTrips(CasinoEvent event) throws IOException {
        CasinoEvent back = roundTrip(event);
        assertThat(back).isEqualTo(event);
        // Field by field too, so a field missing from equals() would still show here.
        assertThat(back)
                .usingRecursiveComparison()
                .withEqualsForType(
                        (a, b) -> Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b),
                        Double.class)
                .isEqualTo(event);
    }

    private static CasinoEvent roundTrip(CasinoEvent event) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialize(event));
        CasinoEvent back = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("bytes left after " + event).isZero();
        return back;
    }

    private static byte[] serialize(CasinoEvent event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(event, out);
        return out.getCopyOfBuffer();
    }

    private static <T> TypeSerializerSnapshot<T> writeAndRead(TypeSerializerSnapshot<T> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                CasinoEventSerializerTest.class.getClassLoader());
    }

    private static SerializerConfigImpl config() {
        return new SerializerConfigImpl();
    }

    private static List<Field> instanceFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : CasinoEvent.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** The type information Flink's type extraction gave CasinoEvent as a POJO. */
    @SuppressWarnings("unchecked")
    private static TypeInformation<CasinoEvent> pojoTypeInfoAsBefore() {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (Field field : instanceFields()) {
            Class<?> type = field.getType();
            TypeInformation<?> info;
            if (type == String.class) {
                info = Types.STRING;
            } else if (type == long.class) {
                info = Types.LONG;
            } else if (type == int.class) {
                info = Types.INT;
            } else if (type == double.class || type == Double.class) {
                info = Types.DOUBLE;
            } else if (type == double[].class) {
                info = Types.PRIMITIVE_ARRAY(Types.DOUBLE);
            } else if (type.isEnum()) {
                info = Types.ENUM(type.asSubclass(Enum.class));
            } else {
                throw new IllegalStateException("No POJO type for " + field);
            }
            fields.put(field.getName(), info);
        }
        return Types.POJO(CasinoEvent.class, fields);
    }

    private static TypeSerializer<?> fieldSerializer(PojoSerializer<?> pojo, String name)
            throws ReflectiveOperationException {
        Method fieldsOf = PojoSerializer.class.getDeclaredMethod("getFields");
        Method serializersOf = PojoSerializer.class.getDeclaredMethod("getFieldSerializers");
        fieldsOf.setAccessible(true);
        serializersOf.setAccessible(true);
        Field[] fields = (Field[]) fieldsOf.invoke(pojo);
        TypeSerializer<?>[] serializers = (TypeSerializer<?>[]) serializersOf.invoke(pojo);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getName().equals(name)) {
                return serializers[i];
            }
        }
        throw new IllegalArgumentException("No field " + name);
    }

    /** A value of the type that is none of its defaults (null, 0, false). */
    private static Object unusualValue(Class<?> type) {
        if (type == String.class) {
            return "só 🎲";
        } else if (type == long.class) {
            return Long.MIN_VALUE + 1;
        } else if (type == int.class) {
            return -7;
        } else if (type == double.class || type == Double.class) {
            return -0.0;
        } else if (type == double[].class) {
            return new double[] {Double.NaN, -2.5};
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        throw new IllegalStateException("Give the test a value of " + type);
    }

    /** One event of each type as the job sees them: long ASCII ids, a realistic mix of fields. */
    static List<CasinoEvent> typicalEvents() {
        Random random = new Random(7);
        String trial = trial(1);
        List<CasinoEvent> events = new ArrayList<>();
        events.add(realistic(CasinoFixtures.registered(trial, ALICE, POOL_A, 1_000_000, DIE, T0)));
        events.add(realistic(CasinoFixtures.resolved(trial, 2, T0 + 400)));
        events.add(realistic(CasinoFixtures.fee(trial, POOL_A, 1, 12_345, T0, 2)));
        events.add(realistic(CasinoFixtures.poolRegistered(POOL_A, 5.0, 20.0, T0 - 1_000)));
        events.add(realistic(CasinoFixtures.accumulated(trial, POOL_A, 987_654_321L, T0)));
        events.add(realistic(CasinoFixtures.released(trial, POOL_A, BOB, 5_000_000_000L, T0)));
        events.add(
                realistic(
                        CasinoFixtures.vaultAddress(
                                "ResolverAddressUpdated",
                                pubkey("resolver"),
                                T0,
                                signature(random))));
        CasinoEvent value =
                realistic(CasinoFixtures.vaultValue("FeeNetworkPercentUpdated", 2.5, T0, "tx"));
        value.kind = EventKind.FINALIZED;
        events.add(value);
        return events;
    }

    /** The event with an 88-char base58 signature and the event id made of it, as on mainnet. */
    private static CasinoEvent realistic(CasinoEvent event) {
        event.txSignature = signature(new Random(event.eventName.hashCode()));
        event.eventId =
                "solana:"
                        + event.txSignature
                        + ":"
                        + event.instructionIndex
                        + ":"
                        + event.eventIndex;
        return event;
    }

    private static final String BASE58 =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    static String signature(Random random) {
        StringBuilder s = new StringBuilder(88);
        for (int i = 0; i < 88; i++) {
            s.append(BASE58.charAt(random.nextInt(BASE58.length())));
        }
        return s.toString();
    }

    /** An event whose fields are each set with the given probability, to odd values too. */
    private static CasinoEvent randomEvent(Random random, double density) {
        CasinoEvent e = new CasinoEvent();
        e.type = pick(random, density, CasinoEvent.Type.values());
        e.kind = pick(random, density, EventKind.values());
        e.eventId = string(random, density);
        e.trialId = string(random, density);
        e.txSignature = string(random, density);
        e.slot = random.nextDouble() < density ? randomLong(random) : 0;
        e.instructionIndex = random.nextDouble() < density ? (int) randomLong(random) : 0;
        e.eventIndex = random.nextDouble() < density ? (int) randomLong(random) : 0;
        e.eventTime = random.nextDouble() < density ? randomLong(random) : 0;
        e.eventName = string(random, density);
        e.player = string(random, density);
        e.poolId = string(random, density);
        e.wager = random.nextDouble() < density ? randomLong(random) : 0;
        if (random.nextDouble() < density) {
            e.qk = new double[2 * random.nextInt(6)];
            for (int i = 0; i < e.qk.length; i++) {
                e.qk[i] = randomDouble(random);
            }
        }
        e.extraDataHash = string(random, density);
        e.resultIndex = random.nextDouble() < density ? randomLong(random) : 0;
        e.randomness = random.nextDouble() < density ? randomDouble(random) : 0;
        e.feeType = random.nextDouble() < density ? random.nextInt(3) : 0;
        e.amount = random.nextDouble() < density ? randomLong(random) : 0;
        e.receiver = string(random, density);
        e.manager = string(random, density);
        e.feePlayMultiplier = random.nextDouble() < density ? randomDouble(random) : 0;
        e.feeLossMultiplier = random.nextDouble() < density ? randomDouble(random) : 0;
        e.feeMintMultiplier = random.nextDouble() < density ? randomDouble(random) : 0;
        e.feeHostPercent = random.nextDouble() < density ? randomDouble(random) : 0;
        e.feePoolPercent = random.nextDouble() < density ? randomDouble(random) : 0;
        e.minLimitForTicket = random.nextDouble() < density ? randomDouble(random) : 0;
        e.probability = random.nextDouble() < density ? randomDouble(random) : 0;
        e.vaultField = string(random, density);
        e.vaultAddress = string(random, density);
        e.vaultValue = random.nextDouble() < density ? randomDouble(random) : null;
        return e;
    }

    private static <E> E pick(Random random, double density, E[] values) {
        return random.nextDouble() < density ? values[random.nextInt(values.length)] : null;
    }

    private static String string(Random random, double density) {
        if (random.nextDouble() >= density) {
            return null;
        }
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> pubkey("key-" + random.nextInt());
            case 2 -> "solana:" + signature(random) + ":" + random.nextInt(9) + ":0";
            case 3 -> "Ünïcødé " + (char) random.nextInt(Character.MAX_VALUE + 1);
            default -> String.valueOf((char) random.nextInt(256)).repeat(random.nextInt(200));
        };
    }

    private static long randomLong(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> -1L - random.nextInt(3);
            default -> random.nextLong() >>> random.nextInt(64);
        };
    }

    private static double randomDouble(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.longBitsToDouble(random.nextLong());
            case 3 -> -random.nextDouble() * 100;
            default -> random.nextDouble();
        };
    }
}
