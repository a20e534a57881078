package io.chainplay.api.trading;

import io.chainplay.api.ApiException;
import io.chainplay.api.feed.KafkaSettings;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker that does not answer turns into a 503 within the send timeout, not a hung request; the
 * producer exists only once a request needs it.
 */
class TradeRequestPublisherTest {

    private static final TradeProperties PROPERTIES =
            new TradeProperties("wf.trade.requests", Duration.ofSeconds(1));

    @Test
    void makesItsProducerOnTheFirstRequestOnly() {
        AtomicInteger made = new AtomicInteger();
        MockProducer<String, String> mock =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        try (TradeRequestPublisher publisher =
                new TradeRequestPublisher(
                        () -> {
                            made.incrementAndGet();
                            return mock;
                        },
                        PROPERTIES)) {
            assertThat(made).hasValue(0);

            publisher.send("wallet-1", "{\"requestId\":\"a\"}");
            publisher.send("wallet-2", "{\"requestId\":\"b\"}");

            assertThat(made).hasValue(1);
            assertThat(mock.history())
                    .extracting(r -> r.topic() + " " + r.key())
                    .containsExactly("wf.trade.requests wallet-1", "wf.trade.requests wallet-2");
        }
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void closingBeforeAnyRequestMakesNoProducer() {
        AtomicInteger made = new AtomicInteger();
        new TradeRequestPublisher(
                        () -> {
                            made.incrementAndGet();
                            throw new AssertionError("no producer should be made");
                        },
                        PROPERTIES)
                .close();
        assertThat(made).hasValue(0);
    }

    @Test
    void unreachableKafkaIsA503WithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        TradeProperties properties =
                new TradeProperties("wf.trade.requests", Duration.ofMillis(400));
        try (TradeRequestPublisher publisher =
                new TradeRequestPublisher(new KafkaSettings("localhost:" + port), properties)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.send("wallet", "{}"))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> {
                                assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                                assertThat(e.code()).isEqualTo("trade_queue_unavailable");
                                assertThat(e.getMessage()).contains("400 ms", "same requestId");
                            });
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(3));
        }
    }
}
