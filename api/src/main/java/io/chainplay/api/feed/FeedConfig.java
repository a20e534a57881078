package io.chainplay.api.feed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;
import org.springframework.web.socket.server.standard.ServerEndpointRegistration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the relay: the hub, the {@code /ws} endpoint on Tomcat's Jakarta WebSocket container, the
 * Kafka consumer (unless {@code chainplay.feed.enabled=false}) and the heartbeats.
 *
 * <p>The endpoint is registered with Tomcat's container directly rather than through Spring's
 * {@code WebSocketHandler}: Spring's session sends block, and the relay needs Tomcat's asynchronous
 * sends so that one slow client never holds up the others.
 */
@Configuration(proxyBeanMethods = false)
class FeedConfig {

    @Bean
    FeedHub feedHub(FeedProperties properties, JsonMapper json) {
        return new FeedHub(properties, json);
    }

    @Bean
    ServerEndpointRegistration feedEndpoint(
            FeedHub hub, JsonMapper json, FeedProperties properties) {
        return new ServerEndpointRegistration("/ws", new FeedEndpoint(hub, json, properties));
    }

    @Bean
    ServerEndpointExporter serverEndpointExporter() {
        return new ServerEndpointExporter();
    }

    @Bean
    @ConditionalOnProperty(name = "chainplay.feed.enabled", matchIfMissing = true)
    FeedConsumer feedConsumer(
            FeedProperties properties, KafkaSettings kafka, FeedHub hub, JsonMapper json) {
        return new FeedConsumer(properties, kafka, hub, json);
    }

    @Bean
    FeedHeartbeat feedHeartbeat(FeedHub hub) {
        return new FeedHeartbeat(hub);
    }

    @Bean
    FeedStatus feedStatus(FeedHub hub, ObjectProvider<FeedConsumer> consumer) {
        return new FeedStatus(hub, consumer.getIfAvailable());
    }
}
