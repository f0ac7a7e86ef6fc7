package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A worker's ring on its own: FIFO across wrap-arounds, refusal when full, and, with thieves taking while the
 * owner offers and takes, every mailbox taken exactly once and each taker's share in offer order.
 */
class RunQueueTest {

    @Test
    void isFifoAcrossManyWrapArounds() {
        RunQueue queue = new RunQueue();
        List<Mailbox> offered = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < RunQueue.CAPACITY - 3; i++) {
                Mailbox mailbox = new UnboundedMailbox();
                offered.add(mailbox);
                assertThat(queue.offer(mailbox)).isTrue();
            }
            assertThat(queue.isEmpty()).isFalse();
            for (Mailbox expected : offered) {
                assertThat(queue.poll()).isSameAs(expected);
            }
            offered.clear();
            assertThat(queue.poll()).isNull();
            assertThat(queue.isEmpty()).isTrue();
        }
    }

    @Test
    void refusesAMailboxWhenFullAndTakesOneAgainOnceThereIsRoom() {
        RunQueue queue = new RunQueue();
        for (int i = 0; i < RunQueue.CAPACITY; i++) {
            assertThat(queue.offer(new UnboundedMailbox())).isTrue();
        }
        Mailbox extra = new UnboundedMailbox();

        assertThat(queue.offer(extra)).isFalse();

        assertThat(queue.poll()).isNotNull();
        assertThat(queue.offer(extra)).isTrue();
    }

    @Test
    void everyMailboxIsTakenExactlyOnceWhileThievesStealFromTheOwner() throws Exception {
        int total = 400_000;
        int thieves = 3;
        Mailbox[] mailboxes = new Mailbox[total];
        Map<Mailbox, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < total; i++) {
            mailboxes[i] = new UnboundedMailbox();
            index.put(mailboxes[i], i);
        }
        RunQueue queue = new RunQueue();
        AtomicBoolean ownerDone = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<List<Integer>> taken = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < thieves; t++) {
            List<Integer> mine = new ArrayList<>();
            taken.add(mine);
            threads.add(new Thread(() -> {
                await(start);
                while (!ownerDone.get() || !queue.isEmpty()) {
                    Mailbox mailbox = queue.poll();
                    if (mailbox != null) {
                        mine.add(index.get(mailbox));
                    }
                }
            }));
        }
        List<Integer> ownersShare = new ArrayList<>();
        taken.add(ownersShare);
        threads.add(new Thread(() -> {
            await(start);
            for (int i = 0; i < total; ) {
                if (queue.offer(mailboxes[i])) {
                    i++;
                }
                if (i % 3 == 0) { // the owner takes some of its own work, as a worker does between pushes
                    Mailbox mailbox = queue.poll();
                    if (mailbox != null) {
                        ownersShare.add(index.get(mailbox));
                    }
                }
            }
            ownerDone.set(true);
        }));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).as("a taker is stuck").isFalse();
        }

        boolean[] seen = new boolean[total];
        int count = 0;
        for (List<Integer> share : taken) {
            for (int k = 1; k < share.size(); k++) {
                assertThat(share.get(k)).as("each taker sees offer order").isGreaterThan(share.get(k - 1));
            }
            for (int i : share) {
                assertThat(seen[i]).as("mailbox %d taken twice", i).isFalse();
                seen[i] = true;
                count++;
            }
        }
        assertThat(count).isEqualTo(total);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
