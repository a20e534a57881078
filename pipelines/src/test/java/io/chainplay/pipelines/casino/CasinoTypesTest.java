package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record and state type of the casino job is a Flink POJO all the way down, with {@link
 * CasinoEvent} in it serialized by its own compact serializer: no Kryo (the jobs run with
 * pipeline.generic-types false), and state that evolves by field name or by format version.
 */
class CasinoTypesTest {

    @Test
    void everyRecordAndStateTypeIsAPojoWithoutGenericParts() {
        for (Class<?> type :
                List.of(
                        BetRow.class,
                        BetOutcome.class,
                        TableRow.class,
                        PoolSignal.class,
                        LeaderboardUpdate.class,
                        TrialState.class,
                        PlayerState.class,
                        PoolState.class,
                        PoolEventLedger.Entry.class,
                        ConfigHistory.class,
                        LeaderboardAggregator.Board.class,
                        LeaderboardAggregator.Standing.class,
                        OutcomeFrequencyTest.Tests.class,
                        VaultHistory.Vault.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getName()).isInstanceOf(PojoTypeInfo.class);
            assertNoGenericParts(info, type.getSimpleName());
        }
    }

    @Test
    void theEventHasItsOwnSerializer() {
        assertThat(TypeInformation.of(CasinoEvent.class))
                .isInstanceOf(CasinoEventTypeInfoFactory.CasinoEventTypeInfo.class);
    }

    private static void assertNoGenericParts(TypeInformation<?> info, String path) {
        assertThat(info).as(path).isNotInstanceOf(GenericTypeInfo.class);
        if (info instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                assertNoGenericParts(
                        composite.getTypeAt(i), path + "." + composite.getFieldNames()[i]);
            }
        }
        if (info instanceof ObjectArrayTypeInfo<?, ?> array) {
            assertNoGenericParts(array.getComponentInfo(), path + "[]");
        }
    }
}
