package dev.troupe.remote.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.remote.internal.wire.Frame;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundQueueTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_PENDING_BYTES = 64 * 1024;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Integer> delivered = new CopyOnWriteArrayList<>();
    private final InboundQueue queue = queue(MAX_PENDING_BYTES);

    /** A queue whose delivery waits for {@code release}, then records the frame's number. */
    private InboundQueue queue(long maxPendingBytes) {
        return new InboundQueue(null, (from, frame) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(ByteBuffer.wrap(((Frame.Message) frame).payload()).getInt());
        }, channel, executor, maxPendingBytes);
    }

    @AfterEach
    void shutDown() {
        release.countDown();
        executor.shutdownNow();
    }

    private static Frame.Message frame(int n, int size) {
        byte[] payload = new byte[size];
        ByteBuffer.wrap(payload).putInt(n);
        return new Frame.Message("troupe://b@h:1/user/r", 1, "m", payload);
    }

    @Test
    void theConnectionStopsReadingWhileTooManyBytesWaitAndReadsAgainOnceTheyAreDelivered() {
        int n = 0;
        while (channel.config().isAutoRead()) {
            queue.add(frame(n++, 4096));
            assertThat(n).as("frames added before reading stopped").isLessThan(1000);
        }
        assertThat(n).isGreaterThan(MAX_PENDING_BYTES / 4096 - 1);

        release.countDown();

        int added = n;
        await().atMost(PATIENCE).until(() -> delivered.size() == added);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(delivered).isSorted().doesNotHaveDuplicates().hasSize(added);
    }

    @Test
    void tooManySmallFramesStopReadingToo() {
        InboundQueue roomy = queue(Long.MAX_VALUE);
        int n = 0;
        while (channel.config().isAutoRead()) {
            roomy.add(frame(n++, 4));
            assertThat(n).isLessThanOrEqualTo(InboundQueue.MAX_PENDING_FRAMES + 2);
        }
        // the first frame may already be out of the queue, in the delivery that waits for release
        assertThat(n).isBetween(InboundQueue.MAX_PENDING_FRAMES + 1, InboundQueue.MAX_PENDING_FRAMES + 2);
        release.countDown();
        int added = n;
        await().atMost(PATIENCE).until(() -> delivered.size() == added && channel.config().isAutoRead());
    }

    @Test
    void framesAreDeliveredOneAtATimeInArrivalOrderAcrossDrains() {
        release.countDown();
        for (int i = 0; i < 5000; i++) {
            queue.add(frame(i, 4));
        }
        await().atMost(PATIENCE).until(() -> delivered.size() == 5000);
        assertThat(delivered).isSorted().doesNotHaveDuplicates();
        assertThat(queue.size()).isZero();
    }
}
