// Prints the live feed of a Chainplay API, one JSON message per line. Java 17, no dependencies:
//
//   java api/examples/FeedTail.java 'ws://localhost:8080/ws?channels=bets,stats'
//   java api/examples/FeedTail.java 'ws://localhost:8080/ws' '{"type":"subscribe","channels":["player:<wallet>"]}'
//   java api/examples/FeedTail.java 'ws://localhost:8080/ws?channels=bets&lastEventId=<id>' --max 5
//
// Arguments after the URL are sent as messages once connected; --max N exits after N feed messages
// (the relay's own welcome/subscribed/heartbeat/pong messages are printed but not counted).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

public class FeedTail {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java FeedTail.java <ws url> [message ...] [--max N]");
            System.exit(2);
        }
        int max = Integer.MAX_VALUE;
        List<String> messages = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--max")) {
                max = Integer.parseInt(args[++i]);
            } else {
                messages.add(args[i]);
            }
        }
        int limit = max;
        AtomicInteger feed = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(
                                URI.create(args[0]),
                                new WebSocket.Listener() {
                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket socket, CharSequence data, boolean last) {
                                        partial.append(data);
                                        if (last) {
                                            String text = partial.toString();
                                            partial.setLength(0);
                                            System.out.println(text);
                                            if (!text.matches("\\{\"type\":\"(welcome|subscribed|unsubscribed|heartbeat|pong|error)\".*")
                                                    && feed.incrementAndGet() >= limit) {
                                                done.complete(null);
                                            }
                                        }
                                        socket.request(1);
                                        return null;
                                    }

                                    @Override
                                    public CompletionStage<?> onClose(
                                            WebSocket socket, int code, String reason) {
                                        System.err.println("closed: " + code + " " + reason);
                                        done.complete(null);
                                        return null;
                                    }

                                    @Override
                                    public void onError(WebSocket socket, Throwable error) {
                                        done.completeExceptionally(error);
                                    }
                                })
                        .join();
        for (String message : messages) {
            ws.sendText(message, true).join();
        }
        done.join();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
