import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints wf.trade.results (or another topic, e.g. feed.trades) from the beginning, committed
 * records only (the StateFun results egress is transactional), as "player | json". Runs with
 * kafka-clients on the classpath:
 *
 * <pre>java -cp "$KAFKA_CP" statefun/examples/TailResults.java localhost:9092 [seconds] [topic]</pre>
 */
public class TailResults {
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        String topic = args.length > 2 ? args[2] : "wf.trade.results";
        Map<String, Object> config =
                Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.currentTimeMillis() + seconds * 1000;
            while (System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(r.key() + " | " + r.value());
                }
            }
        }
    }
}
