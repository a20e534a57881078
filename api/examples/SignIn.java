// Signs in to a Chainplay API with Sign-In With Solana, as a wallet would, and prints the JWT.
// Java 17, no dependencies: a fresh Ed25519 key (or the one in a 32-byte hex seed), a nonce from
// GET /api/auth/nonce, the SIWS message built from its signInInput, signed, POSTed to /api/auth/signin.
//
//   java api/examples/SignIn.java http://localhost:8080                 # prints the token
//   java api/examples/SignIn.java http://localhost:8080 <seed hex> -v   # and the whole reply
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SignIn {
    public static void main(String[] args) throws Exception {
        String api = args.length > 0 ? args[0] : "http://localhost:8080";
        boolean verbose = Arrays.asList(args).contains("-v");
        PrivateKey key;
        byte[] publicKey;
        if (args.length > 1 && !args[1].equals("-v")) {
            byte[] seed = HexFormat.of().parseHex(args[1]);
            key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            publicKey = publicKeyOf(seed);
        } else {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            key = pair.getPrivate();
            byte[] x509 = pair.getPublic().getEncoded(); // 12-byte prefix, then the raw 32 bytes
            publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        }
        String wallet = base58(publicKey);
        HttpClient http = HttpClient.newHttpClient();

        String nonceReply = http.send(HttpRequest.newBuilder(URI.create(api + "/api/auth/nonce")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String domain = field(nonceReply, "domain");
        String message = domain + " wants you to sign in with your Solana account:\n" + wallet
                + "\n\n" + field(nonceReply, "statement")
                + "\n\nVersion: 1\nNonce: " + field(nonceReply, "nonce")
                + "\nIssued At: " + field(nonceReply, "issuedAt");

        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String body = "{\"walletAddress\":\"" + wallet + "\",\"message\":\"" + message.replace("\n", "\\n")
                + "\",\"signature\":\"" + base58(signer.sign()) + "\"}";
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(URI.create(api + "/api/auth/signin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            System.err.println("HTTP " + reply.statusCode() + " " + reply.body());
            System.exit(1);
        }
        System.out.println(verbose ? reply.body() : field(reply.body(), "token"));
    }

    // Good enough for the API's flat string fields; a real client uses a JSON library.
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // The public key of a seed: the JDK derives it only when generating a pair, so generate one
    // from a random source that returns the seed.
    static byte[] publicKeyOf(byte[] seed) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        byte[] x509 = generator.generateKeyPair().getPublic().getEncoded();
        return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    static String base58(byte[] bytes) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BigInteger.valueOf(58));
            out.append(alphabet.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }
}
