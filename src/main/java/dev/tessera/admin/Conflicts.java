package dev.tessera.admin;

import dev.tessera.http.ProblemException;
import dev.tessera.store.DataAccessException;

import java.util.function.Supplier;

/** Turns a unique-constraint violation (two requests racing for one name) into a 409. */
final class Conflicts {
    private Conflicts() {
    }

    static <T> T uniqueName(String what, String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw ProblemException.conflict("A " + what + " named [" + name + "] already exists");
            }
            throw e;
        }
    }
}
