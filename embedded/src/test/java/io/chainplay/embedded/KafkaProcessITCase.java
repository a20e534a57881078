package io.chainplay.embedded;

import io.chainplay.embedded.junit.KafkaExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaProcessITCase {

    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.forked();

    @Test
    void aBrokerInAChildJvmServesClientsOfThisOne() throws Exception {
        String topic = KAFKA.createTopic(2);

        KafkaRoundTrip.produce(KAFKA.bootstrapServers(), topic, List.of("x", "y"));

        assertThat(KafkaRoundTrip.consume(KAFKA.bootstrapServers(), topic, 2))
                .containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void theChildStopsWhenClosed() {
        KafkaProcess broker = KafkaProcess.start();
        int port = Integer.parseInt(broker.bootstrapServers().split(":")[1]);
        assertThat(FreePorts.isFree(port)).isFalse();

        broker.close();

        assertThat(FreePorts.isFree(port)).isTrue();
    }
}
