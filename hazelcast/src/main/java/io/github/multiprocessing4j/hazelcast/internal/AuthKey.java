package io.github.multiprocessing4j.hazelcast.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The cluster's authkey: every message between a parent and an agent is signed with it
 * (HMAC-SHA256 of the body, 32 bytes before it), and a message whose signature does not match is
 * refused. Hazelcast Community authenticates nobody, so this is what keeps a stranger who can
 * reach a member from running code on the agents (or feeding a parent forged results).
 *
 * <p>Where the key comes from, first found: the {@code MP4J_CLUSTER_AUTHKEY} environment
 * variable (its UTF-8 bytes), the file named by the {@code mp4j.cluster.authkeyFile} system
 * property (its bytes). Never the command line: other users of the machine can read it.
 */
public final class AuthKey {

    /** The environment variable that holds the key. */
    public static final String ENVIRONMENT = "MP4J_CLUSTER_AUTHKEY";
    /** The system property that names a file holding the key. */
    public static final String FILE_PROPERTY = "mp4j.cluster.authkeyFile";
    /** Bytes of a signature. */
    public static final int SIGNATURE = 32;
    private static final int MIN_LENGTH = 16;

    private final SecretKeySpec key;

    /**
     * @param key the key's bytes, at least 16
     * @throws IllegalArgumentException when shorter
     */
    public AuthKey(byte[] key) {
        Objects.requireNonNull(key, "authkey");
        if (key.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a cluster authkey needs at least " + MIN_LENGTH + " bytes, this one has " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * @return the key from the environment or the key file
     * @throws IllegalStateException when neither gives one (the message says how to give it)
     */
    public static AuthKey fromEnvironment() {
        String value = System.getenv(ENVIRONMENT);
        if (value != null && !value.isEmpty()) {
            return new AuthKey(value.getBytes(StandardCharsets.UTF_8));
        }
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null && !file.isEmpty()) {
            try {
                return new AuthKey(Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cluster authkey file " + file + " (" + FILE_PROPERTY + ")", e);
            }
        }
        throw new IllegalStateException("no cluster authkey: set the environment variable " + ENVIRONMENT
                + ", or the system property " + FILE_PROPERTY + " to a file holding the key (at least "
                + MIN_LENGTH + " bytes; the same key on every agent and parent)");
    }

    /** @return {@code body} with its signature before it */
    public byte[] sign(byte[] body) {
        byte[] signed = new byte[SIGNATURE + body.length];
        System.arraycopy(mac(body), 0, signed, 0, SIGNATURE);
        System.arraycopy(body, 0, signed, SIGNATURE, body.length);
        return signed;
    }

    /** @return the body of a signed message, or null when its signature is not this key's */
    public byte[] verify(byte[] signed) {
        if (signed == null || signed.length < SIGNATURE) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(signed, SIGNATURE, signed.length);
        return MessageDigest.isEqual(Arrays.copyOf(signed, SIGNATURE), mac(body)) ? body : null;
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
