package dev.tessera.cluster;

import java.util.TreeSet;

/**
 * Which changes this node has applied, by the versions the database gives them
 * ({@code change_counter}, one per changing statement, in commit order). Notifications say
 * which versions were heard; a periodic read of the counter says which exist. A version that
 * exists but is still unheard at the following check (a notification can trail the commit
 * that a read already sees) was missed: the node must reload what it holds.
 * Used by the listener thread only.
 */
final class ChangeVersions {
    enum Check { UP_TO_DATE, WAITING, MISSED }

    private long applied;                                // every version up to this one is applied
    private final TreeSet<Long> heardAbove = new TreeSet<>();
    private long awaited = -1;                           // seen in the database at the last check, not yet heard

    ChangeVersions(long applied) {
        this.applied = applied;
    }

    /** Everything up to {@code version} is applied (after start-up or a reload). */
    void reset(long version) {
        applied = version;
        heardAbove.headSet(version, true).clear();
        awaited = -1;
        advance();
    }

    void heard(long version) {
        if (version > applied) {
            heardAbove.add(version);
            advance();
        }
    }

    private void advance() {
        while (heardAbove.remove(applied + 1)) {
            applied++;
        }
    }

    /** Compares with the counter just read from the database. */
    Check check(long databaseVersion) {
        if (databaseVersion < applied) {
            return Check.MISSED; // the counter went back (a restored database): nothing here can be trusted
        }
        if (applied >= databaseVersion) {
            awaited = -1;
            return Check.UP_TO_DATE;
        }
        if (awaited != -1 && applied < awaited) {
            return Check.MISSED;
        }
        awaited = databaseVersion;
        return Check.WAITING;
    }

    long applied() {
        return applied;
    }
}
