package io.chainplay.api.trading;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chainplay.trades.*}: where {@code POST /api/trades} sends trade requests.
 *
 * <p>The topic is configuration rather than a constant from {@code schemas}' {@code Topics}: the
 * API does not depend on that module (it would bring Avro into the Boot jar), as with the feed
 * topics.
 *
 * @param requestsTopic the StateFun daily-trade workflow's ingress ({@code wf.trade.requests})
 * @param sendTimeout how long a request waits for the broker's acknowledgement (all in-sync
 *     replicas) before it is answered {@code 503}
 */
@ConfigurationProperties("chainplay.trades")
public record TradeProperties(
        @DefaultValue("wf.trade.requests") String requestsTopic,
        @DefaultValue("5s") Duration sendTimeout) {}
