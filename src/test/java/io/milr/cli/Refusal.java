package io.milr.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link Main#run} did with arguments it was to refuse before Spark: its status, output and time. */
record Refusal(int status, String out, String err, Duration took) {

    static Refusal of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int status = Main.run(args, new PrintStream(out, true), new PrintStream(err, true), NoSpark.CONTEXTS);
        return new Refusal(status, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Exit status 2 and exactly the one line {@code milr: MESSAGE} on err, no stack trace, nothing on out. */
    void assertUserError(String message) {
        assertEquals("milr: " + message + "\n", err, "one line naming the URI and the cause");
        assertEquals(2, status);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        assertEquals("", out);
    }

    /**
     * A guard, not a speed target: far below the client's default retry loop the test names, so that
     * a probe that lost its short timeouts fails, whatever the machine's load.
     */
    void assertWithin(Duration bound) {
        assertTrue(took.compareTo(bound) < 0, "took " + took.toMillis() + " ms, expected well under " + bound);
    }
}
