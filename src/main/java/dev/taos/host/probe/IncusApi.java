package dev.taos.host.probe;

/** Reads the Incus REST API as JSON text. Real: {@code incus query}; in tests: files captured from a real daemon. */
public interface IncusApi {

    /** The response body for {@code path} (e.g. {@code /1.0/storage-pools?recursion=1}). */
    String query(String path) throws IncusUnavailable;

    /**
     * The daemon could not be asked: {@code status} says why (down, no access), {@code detail} is the client's words.
     */
    final class IncusUnavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final dev.taos.host.core.facts.IncusFacts.Status status;

        public IncusUnavailable(dev.taos.host.core.facts.IncusFacts.Status status, String detail) {
            super(detail);
            this.status = status;
        }

        public dev.taos.host.core.facts.IncusFacts.Status status() {
            return status;
        }
    }
}
