package io.chainplay.pipelines.casino;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink's type information for {@link CasinoEvent}, named by the class's {@code @TypeInfo}
 * annotation: Flink's type extraction asks it wherever a {@code CasinoEvent} appears (a stream's
 * records, a state descriptor's class, a field of a state POJO, an array element), so all of them
 * get {@link CasinoEventSerializer} instead of the reflective POJO serializer.
 */
public class CasinoEventTypeInfoFactory extends TypeInfoFactory<CasinoEvent> {

    public CasinoEventTypeInfoFactory() {}

    @Override
    public TypeInformation<CasinoEvent> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new CasinoEventTypeInfo();
    }

    /** A single opaque type (no fields Flink can address) serialized by the compact serializer. */
    public static final class CasinoEventTypeInfo extends TypeInformation<CasinoEvent> {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<CasinoEvent> getTypeClass() {
            return CasinoEvent.class;
        }

        /** Not a key: the job keys its streams by selectors that pick a string out of it. */
        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<CasinoEvent> createSerializer(SerializerConfig config) {
            return CasinoEventSerializer.INSTANCE;
        }

        @Override
        public String toString() {
            return "CasinoEvent";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CasinoEventTypeInfo;
        }

        @Override
        public int hashCode() {
            return CasinoEventTypeInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof CasinoEventTypeInfo;
        }
    }
}
