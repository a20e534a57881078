package io.chainplay.api.feed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the relay: the writer threads, the hub, the {@code /ws} servlet (handshake, then {@link
 * FeedSocket} on the upgraded connection), the Kafka consumer (unless {@code
 * chainplay.feed.enabled=false}) and the heartbeats.
 */
@Configuration(proxyBeanMethods = false)
class FeedConfig {

    @Bean(destroyMethod = "close")
    FeedWriters feedWriters() {
        return new FeedWriters(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    @Bean
    FeedHub feedHub(FeedProperties properties, JsonMapper json, FeedWriters writers) {
        return new FeedHub(properties, json, writers);
    }

    @Bean
    ServletRegistrationBean<FeedServlet> feedServlet(
            FeedHub hub, JsonMapper json, FeedProperties properties, FeedWriters writers) {
        FeedServlet servlet =
                new FeedServlet(
                        new FeedEndpoint(hub, json, properties),
                        writers,
                        properties.clientBuffer());
        ServletRegistrationBean<FeedServlet> registration =
                new ServletRegistrationBean<>(servlet, "/ws");
        registration.setName("feed");
        return registration;
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
