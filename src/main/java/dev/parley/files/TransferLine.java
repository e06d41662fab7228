package dev.parley.files;

/**
 * The JSON lines of a transfer connection (the raw file bytes between them are not lines). A
 * connection starts with a {@link Handshake} from the peer; the host answers {@link Ready} or
 * {@link Refused}; after the bytes the host ends with {@link Done} or {@link Refused}.
 */
public sealed interface TransferLine {
    /** The first line of a transfer connection, where a chat connection would say {@code hello}. */
    sealed interface Handshake extends TransferLine {
    }

    /**
     * {@code {"type":"upload","v":1,"token":…}}: the bytes of an accepted offer follow the host's
     * {@link Ready}, from its offset.
     */
    record Upload(String token) implements Handshake {
        public static final String TYPE = "upload";
    }

    /**
     * {@code {"type":"download","v":1,"key":…,"sha256":…,"offset":…}}: send the stored file with this
     * hash, from byte {@code offset}; {@code key} is the one the host granted the chat connection.
     */
    record Download(String key, String sha256, long offset) implements Handshake {
        public static final String TYPE = "download";
    }

    /**
     * {@code {"type":"ready","offset":…,"size":…}}: the host's go. For an upload, {@code offset} is
     * how much it already holds (the uploader sends from there); for a download, where it starts.
     */
    record Ready(long offset, long size) implements TransferLine {
        public static final String TYPE = "ready";
    }

    /** {@code {"type":"done","sha256":…,"size":…}}: the whole file is stored (upload) or sent (download). */
    record Done(String sha256, long size) implements TransferLine {
        public static final String TYPE = "done";
    }

    /**
     * {@code {"type":"error","code":…,"message":…}}: the host will not (or can no longer) do it; it
     * closes after this line. {@code code} may be one this version does not know.
     */
    record Refused(String code, String message) implements TransferLine {
        public static final String TYPE = "error";

        public Refused(FileProblem problem, String message) {
            this(problem.wire(), message);
        }

        /** The problem, or {@code null} for a code this version does not know. */
        public FileProblem problem() {
            return FileProblem.fromWire(code);
        }
    }
}
