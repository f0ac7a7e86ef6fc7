package dev.troupe.observe.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SampleStripesTest {
    private final SampleStripes stripes = new SampleStripes();
    private final SampleStripes.Taken taken = new SampleStripes.Taken();

    @Test
    void aSampleRecordsItsThreeValuesAndATakeEmptiesTheStripes() {
        stripes.record(1_000, 2_000, 3, 1);
        stripes.record(-5, -1, 0, 1); // a clock step counts as zero; no processing time (a batch) records none

        stripes.takeInto(taken);

        assertThat(taken.timeInMailbox().getTotalCount()).isEqualTo(2);
        assertThat(taken.timeInMailbox().getMinValue()).isZero();
        assertThat(taken.processingTime().getTotalCount()).isEqualTo(1);
        assertThat(taken.processingTime().getMaxValue()).isBetween(1_980L, 2_020L);
        assertThat(taken.mailboxDepths().getMaxValue()).isEqualTo(3);
        SampleStripes.Taken again = new SampleStripes.Taken();
        stripes.takeInto(again);
        assertThat(again.timeInMailbox().getTotalCount()).isZero();
    }

    @Test
    void aSampleCountsAsManyTimesAsItsWeight() {
        stripes.record(1_000, 2_000, 3, 1);
        stripes.record(50_000, 60_000, 7, 64); // taken while its sender throttled: stands for 64 messages

        stripes.takeInto(taken);

        assertThat(taken.timeInMailbox().getTotalCount()).isEqualTo(65);
        assertThat(taken.processingTime().getTotalCount()).isEqualTo(65);
        assertThat(taken.mailboxDepths().getTotalCount()).isEqualTo(65);
        // the heavy sample outweighs the light one: the median is its value
        assertThat(taken.processingTime().getValueAtPercentile(50)).isBetween(59_000L, 61_000L);
        assertThat(taken.mailboxDepths().getValueAtPercentile(50)).isEqualTo(7);
    }

    @Test
    void everySampleIsTakenOrCountedAsDroppedWhileThreadsRecordAndAReaderTakes() throws Exception {
        int threads = 4;
        int perThread = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                awaitUninterruptibly(start);
                for (int i = 0; i < perThread; i++) {
                    stripes.record(i, i, i % 100, 1);
                }
            });
            writer.start();
            writers.add(writer);
        }
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                stripes.takeInto(taken);
            }
        });
        reader.start();
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        reader.join();
        stripes.takeInto(taken);

        long recorded = taken.timeInMailbox().getTotalCount();
        assertThat(recorded + stripes.dropped()).isEqualTo((long) threads * perThread);
        assertThat(taken.processingTime().getTotalCount()).isEqualTo(recorded);
        assertThat(taken.mailboxDepths().getTotalCount()).isEqualTo(recorded);
        assertThat(taken.mailboxDepths().getMaxValue()).isEqualTo(99);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
