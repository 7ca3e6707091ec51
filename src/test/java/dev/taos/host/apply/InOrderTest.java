package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderTest {

    @Test
    void twoLanesRunTwoTasksAtOnceAndNeverThree() {
        CountDownLatch bothUnderWay = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> results = InOrder.run(IntStream.range(0, 6).boxed().toList(), 2, n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            bothUnderWay.countDown();
            try {
                // The first two only finish once both have started: with one lane this would wait the whole timeout.
                assertTrue(bothUnderWay.await(10, TimeUnit.SECONDS), "the second lane never started");
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return n * 10;
        });
        assertEquals(List.of(0, 10, 20, 30, 40, 50), results);
        assertEquals(2, most.get());
    }

    @Test
    void oneLaneRunsEachAfterTheOtherInTheItemsOrder() {
        List<String> started = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        InOrder.run(List.of("a", "b", "c", "d"), 1, s -> {
            assertEquals(1, running.incrementAndGet(), "two ran at once");
            started.add(s);
            return running.decrementAndGet();
        });
        assertEquals(List.of("a", "b", "c", "d"), started);
    }

    @Test
    void aTaskThatThrowsFailsTheRunWithItsOwnException() {
        var thrown = assertThrows(
                IllegalArgumentException.class,
                () -> InOrder.run(List.of(1, 2, 3), 2, n -> {
                    if (n == 2) {
                        throw new IllegalArgumentException("two is bad");
                    }
                    return n;
                }));
        assertEquals("two is bad", thrown.getMessage());
    }
}
