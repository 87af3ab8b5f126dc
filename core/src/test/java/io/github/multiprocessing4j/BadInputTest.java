package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails at the call site with a message that says what was wrong. */
class BadInputTest {

    static final class NotSerializable {
        int value = 42;
    }

    @Test
    void aCapturedValueThatIsNotSerializableFailsAtStartNamingItsType() {
        NotSerializable captured = new NotSerializable();
        Process p = new Process(() -> System.out.println(captured.value));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains(NotSerializable.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(p.getName()), e.getMessage());
        assertNull(p.pid(), "no child was launched");
        assertTrue(Multiprocessing.activeChildren().isEmpty());
    }

    @Test
    void aSubclassFieldThatIsNotSerializableToo() {
        class Holder extends Process {
            final Thread thread = Thread.currentThread();

            @Override
            public void run() {
            }
        }
        Holder p = new Holder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Thread") || e.getMessage().contains("BadInputTest"), e.getMessage());
    }

    @Test
    void aLambdaThatCapturesThisNamesTheEnclosingClass() {
        Process p = new Process(() -> System.out.println(this.hashCode()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains(BadInputTest.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("'this'"), "the message explains the capture of this: " + e.getMessage());
    }

    @Test
    void serializableCapturesAreFine() {
        record Point(int x, int y) implements Serializable { }
        Point point = new Point(3, 4);
        List<String> list = List.of("a", "b");
        Process p = new Process(() -> {
            if (point.x() * point.x() + point.y() * point.y() != 25 || !list.get(1).equals("b")) {
                System.exit(3);
            }
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> new Process((SerializableRunnable) null));
        Process p = new Process(() -> { });
        assertThrows(NullPointerException.class, () -> p.setName(null));
        assertThrows(NullPointerException.class, () -> p.join(null));
        assertThrows(NullPointerException.class, () -> Multiprocessing.getContext(null));
    }
}
