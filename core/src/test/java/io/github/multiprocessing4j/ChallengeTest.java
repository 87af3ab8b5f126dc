package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The handshake against a legacy (CPython ≤ 3.11) peer, byte by byte. */
class ChallengeTest {

    @Test
    void aLegacyChallengeIsAnsweredWithMd5WhateverItsFirstRandomByte() throws Exception {
        byte[] key = "secret".getBytes(StandardCharsets.US_ASCII);
        for (byte first : new byte[] {'{', 'a', 0}) {
            Pipe pipe = Multiprocessing.pipe();
            Connection python = pipe.left();
            Connection java = pipe.right();
            byte[] random = new byte[20];
            Arrays.fill(random, (byte) 7);
            random[0] = first;
            CompletableFuture<Void> answered = CompletableFuture.runAsync(
                    () -> Challenge.answer(java, key, System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
            byte[] challenge = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
            byte[] message = Arrays.copyOf(challenge, challenge.length + random.length);
            System.arraycopy(random, 0, message, challenge.length, random.length);
            python.sendBytes(message);
            if (!python.poll(Duration.ofSeconds(30))) {
                answered.get(30, TimeUnit.SECONDS); // the answer's own failure, if it failed
                throw new AssertionError("no answer to the challenge within 30 s");
            }
            Mac md5 = Mac.getInstance("HmacMD5");
            md5.init(new SecretKeySpec(key, "HmacMD5"));
            assertArrayEquals(md5.doFinal(random), python.recvBytes(), "HMAC-MD5 of the 20 random bytes");
            python.sendBytes("#WELCOME#".getBytes(StandardCharsets.US_ASCII));
            answered.get(30, TimeUnit.SECONDS);
            python.close();
            java.close();
        }
    }
}
