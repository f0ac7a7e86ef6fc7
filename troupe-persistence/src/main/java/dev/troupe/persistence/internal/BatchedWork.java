package dev.troupe.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writer work that may also run together with the works of the same {@link Batcher} that follow it in its
 * group, in one statement batch: one round trip to the server for all of them instead of one each. Run alone
 * ({@link #run}), it does the same work by itself. Used on the store's writer thread only.
 */
public interface BatchedWork extends SqlWork<Void> {
    /** Who runs a run of consecutive works with this batcher together. */
    Batcher batcher();

    /** Runs works of one kind together. */
    interface Batcher {
        /**
         * Runs {@code works}, in order, in the open transaction.
         *
         * @return the index of the first work that failed alone (its rows are in the batch: the writer rolls the
         *     transaction back) and why, or {@link Failed#NONE}
         * @throws SQLException if the batch as a whole failed: the writer rolls back and runs the group's works one
         *     by one, so that the failure falls on the work that caused it
         */
        Failed runTogether(Connection connection, List<BatchedWork> works) throws SQLException;
    }

    /** Which work of a batch failed, and why; {@code index} -1 for none. */
    record Failed(int index, RuntimeException failure) {
        public static final Failed NONE = new Failed(-1, null);
    }
}
