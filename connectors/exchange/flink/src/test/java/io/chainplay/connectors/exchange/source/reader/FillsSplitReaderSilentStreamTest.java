package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.source.DevnetTraders;
import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.FillsConnection;
import io.chainplay.connectors.exchange.source.split.FillsSplit;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.SimpleCounter;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety net under the account stream: a stream that opened and then went dead without being
 * closed (what a lost run of the ITCase showed for one account after a restore: caught up once,
 * then no fill and no disconnect) must not hold fills back for good.
 */
class FillsSplitReaderSilentStreamTest {

    /** Completes WebSocket handshakes, then never sends a frame nor closes: a dead stream. */
    static final class DeadStreamServer implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> sockets = new ArrayList<>();
        final Thread acceptor;

        DeadStreamServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "dead-stream-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "ws://127.0.0.1:"
                    + server.getLocalPort()
                    + "/stream.extended.exchange/v1/account";
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    synchronized (sockets) {
                        sockets.add(s);
                    }
                    String key = null;
                    for (String line : head(s.getInputStream()).split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                            key = line.substring(line.indexOf(':') + 1).trim();
                        }
                    }
                    String accept =
                            Base64.getEncoder()
                                    .encodeToString(
                                            MessageDigest.getInstance("SHA-1")
                                                    .digest(
                                                            (key
                                                                            + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                                                    .getBytes(
                                                                            StandardCharsets
                                                                                    .US_ASCII)));
                    s.getOutputStream()
                            .write(
                                    ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                                                    + accept
                                                    + "\r\n\r\n")
                                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    // closed
                }
            }
        }

        private static String head(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    static FillsSplitReader reader(DevnetTraders t, String streamUrl, long silentMillis) {
        return new FillsSplitReader(
                new FillsConnection(t.devnet.url(), streamUrl, t.accounts(), 3, 5_000, 6, 20, 300),
                20,
                silentMillis,
                new FillsSplitReader.Metrics(
                        new SimpleCounter(),
                        new SimpleCounter(),
                        new SimpleCounter(),
                        new SimpleCounter(),
                        new SimpleCounter(),
                        new SimpleCounter()));
    }

    /** Fetches for up to {@code millis}, returning the fill ids read. */
    static Set<Long> fetchFor(FillsSplitReader reader, long millis, int expected) throws Exception {
        Set<Long> got = new TreeSet<>();
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline && got.size() < expected) {
            RecordsWithSplitIds<ExchangeRecord> batch = reader.fetch();
            while (batch.nextSplit() != null) {
                ExchangeRecord r;
                while ((r = batch.nextRecordFromSplit()) != null) {
                    assertThat(r.type).isEqualTo(ExchangeRecord.Type.FILL);
                    got.add(r.fillId);
                }
            }
        }
        return got;
    }

    static List<Long> idsOf(DevnetTraders t, long accountId) {
        return t.devnet.groundTruth().stream()
                .filter(f -> f.accountId() == accountId)
                .map(f -> f.id())
                .sorted()
                .toList();
    }

    @Test
    void fillsMadeWhileTheOpenStreamIsDeadArriveThroughTheSilentCatchUp() throws Exception {
        try (DevnetTraders t = new DevnetTraders(17);
                DeadStreamServer dead = new DeadStreamServer()) {
            t.cross();
            FillsSplitReader reader = reader(t, dead.url(), 300);
            try {
                reader.handleSplitsChanges(
                        new SplitsAddition<>(
                                List.of(
                                        new FillsSplit(
                                                DevnetTraders.ACCOUNT_A,
                                                DevnetTraders.WALLET_A,
                                                0,
                                                Long.MIN_VALUE,
                                                FillsSplit.LIVE))));
                // The stream opens (its Connected starts the first catch-up) and then says
                // nothing.
                assertThat(fetchFor(reader, 10_000, 1)).containsExactlyElementsOf(idsOf(t, 3001));
                for (int i = 0; i < 3; i++) {
                    t.cross();
                }
                List<Long> truth = idsOf(t, DevnetTraders.ACCOUNT_A);
                assertThat(truth).hasSize(4);
                assertThat(fetchFor(reader, 10_000, 3))
                        .as("fills made after the stream went dead")
                        .containsExactlyElementsOf(truth.subList(1, 4));
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void withTheSafetyNetOffADeadStreamHoldsFillsBack() throws Exception {
        try (DevnetTraders t = new DevnetTraders(19);
                DeadStreamServer dead = new DeadStreamServer()) {
            t.cross();
            FillsSplitReader reader = reader(t, dead.url(), 0);
            try {
                reader.handleSplitsChanges(
                        new SplitsAddition<>(
                                List.of(
                                        new FillsSplit(
                                                DevnetTraders.ACCOUNT_A,
                                                DevnetTraders.WALLET_A,
                                                0,
                                                Long.MIN_VALUE,
                                                FillsSplit.LIVE))));
                assertThat(fetchFor(reader, 10_000, 1)).hasSize(1);
                t.cross();
                // What the lost run showed: nothing more, and no error either.
                assertThat(fetchFor(reader, 1_500, 1)).isEmpty();
            } finally {
                reader.close();
            }
        }
    }
}
