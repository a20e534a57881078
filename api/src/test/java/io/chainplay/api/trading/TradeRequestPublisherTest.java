package io.chainplay.api.trading;

import io.chainplay.api.ApiException;
import io.chainplay.api.feed.KafkaSettings;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker that does not answer turns into a 503 within the send timeout, not a hung request. */
class TradeRequestPublisherTest {

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
