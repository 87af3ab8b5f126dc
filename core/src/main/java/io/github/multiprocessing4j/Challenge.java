package io.github.multiprocessing4j;


import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC challenge that {@code Listener} and {@code Client} run on a fresh connection, in both
 * directions, as CPython 3.12+ runs it (so either end may be Python):
 *
 * <pre>
 *   challenger                                    answerer
 *   "#CHALLENGE#{sha256}" + 40 random bytes ───▶
 *                                            ◀─── "{sha256}" + HMAC-SHA256(key, "{sha256}" + random)
 *   "#WELCOME#" or "#FAILURE#"              ───▶
 * </pre>
 * The listener challenges first, then answers the client's challenge. The key itself never
 * travels. Each step is bounded by a deadline, so a silent peer cannot hold an {@code accept}
 * forever.
 *
 * <p>Older CPythons (before 3.12) speak the legacy form: a challenge of 20 random bytes without
 * a digest name, answered with a bare 16-byte HMAC-MD5. As CPython 3.12+ does, this side
 * answers such a challenge, and accepts such an answer to its own challenge, so that a Python
 * 3.8–3.11 peer can connect too. The key still never travels.
 */
final class Challenge {

    private static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    private static final byte[] WELCOME = ascii("#WELCOME#");
    private static final byte[] FAILURE = ascii("#FAILURE#");
    private static final byte[] DIGEST = ascii("{sha256}");
    private static final int RANDOM_BYTES = 40;
    private static final int MAX_MESSAGE = 256;
    private static final int LEGACY_CHALLENGE = 20;
    private static final int LEGACY_ANSWER = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Challenge() {
    }

    /** Challenges the peer to prove it knows {@code key}. */
    static void deliver(Connection connection, byte[] key, long deadline) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] message = concat(DIGEST, random);
        connection.sendBytes(concat(CHALLENGE, message));
        byte[] response = receive(connection, deadline);
        boolean legacy = response.length == LEGACY_ANSWER;
        byte[] expected = legacy ? hmac("HmacMD5", key, message) : concat(DIGEST, hmac("HmacSHA256", key, message));
        if (!MessageDigest.isEqual(expected, response)) {
            connection.sendBytes(FAILURE);
            throw new AuthenticationException(legacy || startsWith(response, DIGEST)
                    ? "the peer's answer to the challenge was wrong: the two ends do not use the same authentication key"
                    : "the peer answered the challenge with an unsupported digest (only {sha256} and legacy md5 are accepted)");
        }
        connection.sendBytes(WELCOME);
    }

    /** Answers the peer's challenge with {@code key}. */
    static void answer(Connection connection, byte[] key, long deadline) {
        byte[] challenge = receive(connection, deadline);
        if (!startsWith(challenge, CHALLENGE)) {
            throw new AuthenticationException("the peer did not send an authentication challenge: is it a multiprocessing listener?");
        }
        byte[] message = Arrays.copyOfRange(challenge, CHALLENGE.length, challenge.length);
        if (message.length == LEGACY_CHALLENGE) {
            // CPython's rule: a 20-byte challenge is legacy whatever its first byte (a random
            // byte is '{' once in 256 handshakes); a modern one is a digest name and 40 bytes.
            connection.sendBytes(hmac("HmacMD5", key, message));
        } else if (startsWith(message, DIGEST)) {
            connection.sendBytes(concat(DIGEST, hmac("HmacSHA256", key, message)));
        } else {
            throw new AuthenticationException("the peer's challenge asks for an unsupported digest (only {sha256} and legacy md5 are supported)");
        }
        byte[] verdict = receive(connection, deadline);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("the peer rejected our answer to its challenge: the two ends do not use the same authentication key");
        }
    }

    /** Receives one handshake message, by {@code deadline} ({@link System#nanoTime()}). */
    private static byte[] receive(Connection connection, long deadline) {
        if (!connection.poll(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            throw new AuthenticationException("the peer did not go through the authentication handshake in time");
        }
        return connection instanceof MessageConnection framed
                ? framed.recvBytes(MAX_MESSAGE, deadline) // every wait of the handshake ends at its deadline
                : connection.recvBytes(MAX_MESSAGE);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // SecretKeySpec refuses an empty key. HMAC pads a short key with zero bytes to the block
            // size, so the one-byte key {0} is the same key as Python's b''.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
