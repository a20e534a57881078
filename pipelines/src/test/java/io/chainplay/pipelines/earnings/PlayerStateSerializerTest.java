package io.chainplay.pipelines.earnings;

import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.chainplay.pipelines.earnings.EarningsFixtures.ALICE;
import static io.chainplay.pipelines.earnings.EarningsFixtures.DAY;
import static io.chainplay.pipelines.earnings.EarningsFixtures.HOUR;
import static io.chainplay.pipelines.earnings.EarningsFixtures.SOL;
import static io.chainplay.pipelines.earnings.EarningsFixtures.T0;
import static io.chainplay.pipelines.earnings.EarningsFixtures.claimed;
import static io.chainplay.pipelines.earnings.EarningsFixtures.created;
import static io.chainplay.pipelines.earnings.EarningsFixtures.joined;
import static io.chainplay.pipelines.earnings.EarningsFixtures.sold;
import static io.chainplay.pipelines.earnings.EarningsFixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

class PlayerStateSerializerTest {

    private static final PlayerStateSerializer SERIALIZER = PlayerStateSerializer.INSTANCE;

    @Test
    void roundTripsEveryPartOfTheState() throws Exception {
        Random random = new Random(5);
        for (int n = 0; n < 200; n++) {
            PlayerState state = randomState(random);
            PlayerState back = roundTrip(state);
            back.ledger.player = state.ledger.player;
            if (back.base != null) {
                back.base.player = state.base.player;
            }
            assertThat(back).isEqualTo(state);
            assertThat(SERIALIZER.copy(state)).isEqualTo(state).isNotSameAs(state);
        }
    }

    @Test
    void roundTripsTheBufferedEvents() throws Exception {
        Random random = new Random(8);
        for (MafiaEvent e :
                List.of(
                        joined(ALICE, T0, T0 + HOUR),
                        created(ALICE, 3, 2, random.nextLong(), 345, T0),
                        sold(ALICE, 0, 1, -1L, 7, 25, 50, 12, Long.MIN_VALUE, T0 + 9)
                                .withKind(EventKind.RETRACTED),
                        updated(ALICE, -1L, 5, 0, 9, T0).withKind(EventKind.FINALIZED))) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            MafiaEventSerializer.INSTANCE.serialize(e, out);
            MafiaEvent back =
                    MafiaEventSerializer.INSTANCE.deserialize(
                            new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(e);
        }
    }

    @Test
    void readsTheFirstFormatWithItsBufferedEventsSetAside() throws Exception {
        Random random = new Random(13);
        for (int n = 0; n < 50; n++) {
            PlayerState state = randomState(random);
            List<MafiaEvent> buffered =
                    List.of(
                            created(ALICE, 7, 2, SOL, T0 + DAY + n),
                            joined(ALICE, T0 + DAY, T0 + 2 * DAY).withKind(EventKind.RETRACTED));
            // Version 1 was version 2's body with the buffer written after the journal.
            byte[] v2 = serialize(state);
            DataOutputSerializer v1 = new DataOutputSerializer(v2.length + 256);
            v1.writeByte(1);
            v1.write(v2, 1, v2.length - 1);
            PlayerStateSerializer.writeEvents(n % 2 == 0 ? buffered : List.of(), v1);

            PlayerState back =
                    SERIALIZER.deserialize(new DataInputDeserializer(v1.getCopyOfBuffer()));

            assertThat(v2[0]).isEqualTo((byte) 2);
            assertThat(back.legacyBuffer).isEqualTo(n % 2 == 0 ? buffered : null);
            back.legacyBuffer = null;
            back.ledger.player = state.ledger.player;
            if (back.base != null) {
                back.base.player = state.base.player;
            }
            assertThat(back).isEqualTo(state);
        }
    }

    @Test
    void aPlayerWithFiveBusinessesAndAQuietWindowIsSmall() throws Exception {
        PlayerState state = new PlayerState(ALICE);
        Timeline timeline = EarningsFixtures.timeline();
        List<MafiaEvent> events = new ArrayList<>();
        events.add(joined(ALICE, T0, T0 + HOUR));
        for (int slot = 0; slot < 5; slot++) {
            events.add(created(ALICE, slot, slot, (slot + 1) * 7 * SOL / 3, T0 + slot));
        }
        timeline.advance(
                state.ledger, events, (T0 + 30 * DAY) * 1000, Long.MAX_VALUE, Effects.NONE);
        state.ledger.pruneDueUndo(T0 + 30 * DAY);

        int bytes = serialize(state).length;

        assertThat(bytes).isBetween(150, 256); // 207 when written
    }

    @Test
    void itsSnapshotRestoresTheSameSerializer() throws Exception {
        TypeSerializerSnapshot<PlayerState> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<PlayerState> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<PlayerState> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read);

        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(SERIALIZER);
    }

    private static PlayerState randomState(Random random) {
        PlayerState s = new PlayerState(ALICE);
        Timeline timeline = EarningsFixtures.timeline();
        List<MafiaEvent> events = new ArrayList<>();
        events.add(joined(ALICE, T0, T0 + random.nextInt(86_400)));
        int businesses = random.nextInt(10);
        for (int slot = 0; slot < businesses; slot++) {
            events.add(
                    created(
                            ALICE,
                            slot,
                            random.nextInt(6),
                            random.nextLong() >>> random.nextInt(64),
                            T0 + slot));
        }
        if (random.nextBoolean() && businesses > 0) {
            events.add(
                    updated(
                            ALICE,
                            random.nextLong(),
                            random.nextLong(),
                            T0 + 7,
                            businesses,
                            T0 + 20));
            events.add(sold(ALICE, 0, 1, 5, 0, 25, 0, 25, 3, T0 + 30));
            events.add(claimed(ALICE, -1L, T0 + 40));
        }
        timeline.advance(
                s.ledger,
                events,
                (T0 + random.nextInt(5) * DAY) * 1000,
                Long.MAX_VALUE,
                Effects.NONE);
        if (random.nextBoolean()) {
            s.base = s.ledger.copy();
            s.baseHorizon = random.nextLong();
            s.journal.addAll(events.subList(0, random.nextInt(events.size())));
        }
        s.horizon = random.nextBoolean() ? Long.MIN_VALUE : random.nextLong();
        s.timerAt = random.nextLong();
        s.ledger.dueUndo =
                random.nextBoolean()
                        ? Ledger.EMPTY
                        : new long[] {1, -2, Long.MAX_VALUE, Long.MIN_VALUE, 0, 7};
        return s;
    }

    private static byte[] serialize(PlayerState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(state, out);
        return out.getCopyOfBuffer();
    }

    private static PlayerState roundTrip(PlayerState state) throws Exception {
        byte[] bytes = serialize(state);
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        PlayerState back = SERIALIZER.deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(Arrays.equals(serialize(back), bytes)).isTrue();
        return back;
    }
}
