package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The user queue of the default mailbox on its own: FIFO across many empty/non-empty cycles (each drain hands
 * the stub role back to the mailbox), the count, batch polling, and no loss or reordering under concurrent
 * producers.
 */
class UnboundedMailboxTest {

    private record Envelope() implements InternalMessage {
        @Override
        public <T> void deliver(ActorCell<T> cell) {}

        @Override
        public Object deadLetterPayload() {
            return null;
        }
    }

    @Test
    void staysFifoAcrossManyDrains() {
        UnboundedMailbox mailbox = new UnboundedMailbox();
        int next = 0;
        for (int round = 1; round <= 200; round++) {
            int first = next;
            for (int i = 0; i < round % 7; i++) {
                mailbox.offerUser(next++);
            }
            assertThat(mailbox.hasUserMessages()).isEqualTo(round % 7 != 0);
            assertThat(mailbox.userMessageCount()).isEqualTo(round % 7);
            for (int expected = first; expected < next; expected++) {
                assertThat(mailbox.pollUser()).isEqualTo(expected);
            }
            assertThat(mailbox.pollUser()).isNull();
            assertThat(mailbox.pollUser()).isNull();
            assertThat(mailbox.hasUserMessages()).isFalse();
            assertThat(mailbox.userMessageCount()).isZero();
        }
    }

    @Test
    void aMessageOfferedRightAfterADrainIsFound() {
        UnboundedMailbox mailbox = new UnboundedMailbox();
        mailbox.offerUser("a");
        assertThat(mailbox.pollUser()).isEqualTo("a");
        assertThat(mailbox.pollUser()).isNull(); // the drain: the mailbox is the stub again

        mailbox.offerUser("b");
        mailbox.offerUser("c");

        assertThat(mailbox.userMessageCount()).isEqualTo(2);
        assertThat(mailbox.pollUser()).isEqualTo("b");
        assertThat(mailbox.pollUser()).isEqualTo("c");
        assertThat(mailbox.pollUser()).isNull();
    }

    @Test
    void plainPollingStopsAtAnEnvelopeAndLeavesItQueued() {
        UnboundedMailbox mailbox = new UnboundedMailbox();
        Envelope envelope = new Envelope();
        mailbox.offerUser("a");
        mailbox.offerUser(envelope);
        mailbox.offerUser("b");

        assertThat(mailbox.pollPlainUser()).isEqualTo("a");
        assertThat(mailbox.pollPlainUser()).isNull();
        assertThat(mailbox.hasUserMessages()).isTrue();
        assertThat(mailbox.pollUser()).isSameAs(envelope);
        assertThat(mailbox.pollPlainUser()).isEqualTo("b");
        assertThat(mailbox.pollPlainUser()).isNull();
        assertThat(mailbox.hasUserMessages()).isFalse();
    }

    @Test
    void concurrentProducersLoseNothingAndKeepTheirOwnOrder() throws Exception {
        // The consumer polls while producers offer, so it keeps draining the queue and handing the stub role
        // back to the mailbox while producers race with that hand-over.
        int producers = 4;
        int perProducer = 200_000;
        UnboundedMailbox mailbox = new UnboundedMailbox();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long base = (long) p << 32;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perProducer; i++) {
                    mailbox.offerUser(base | i);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        int[] nextOf = new int[producers];
        int received = 0;
        while (received < producers * perProducer) {
            Object message = mailbox.pollUser();
            if (message == null) {
                Thread.onSpinWait();
                continue;
            }
            long value = (Long) message;
            int producer = (int) (value >>> 32);
            assertThat((int) value).isEqualTo(nextOf[producer]);
            nextOf[producer]++;
            received++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(mailbox.pollUser()).isNull();
        assertThat(mailbox.hasUserMessages()).isFalse();
        assertThat(nextOf).containsOnly(perProducer);
    }
}
