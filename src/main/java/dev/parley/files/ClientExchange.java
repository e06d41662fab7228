package dev.parley.files;

import java.io.IOException;

/**
 * The client's half of the line exchange around the bytes, shared by {@link Uploader} and
 * {@link Downloader}: send the handshake, expect {@code ready}; after the bytes, expect
 * {@code done}; a refusal at either point ends the transfer with the host's code.
 */
final class ClientExchange {
    private final TransferCodec codec = new TransferCodec();

    TransferLine.Ready start(TransferStream stream, TransferLine.Handshake handshake) throws IOException,
            TransferFailure {
        codec.write(stream.out(), handshake);
        return switch (read(stream)) {
            case TransferLine.Ready ready -> ready;
            case TransferLine.Refused refused -> throw TransferFailure.refused(refused);
            case TransferLine other -> throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE,
                    "expected ready, the host sent " + other);
        };
    }

    TransferLine.Done finish(TransferStream stream) throws IOException, TransferFailure {
        return switch (read(stream)) {
            case TransferLine.Done done -> done;
            case TransferLine.Refused refused -> throw TransferFailure.refused(refused);
            case TransferLine other -> throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE,
                    "expected done, the host sent " + other);
        };
    }

    private TransferLine read(TransferStream stream) throws IOException {
        return codec.hostLine(TransferCodec.readLine(stream.in()));
    }

    /** A connection failure as the person should see it: cancelled if they asked, else broken (resumable). */
    static TransferFailure broken(IOException e, Cancellation cancellation) {
        return cancellation.isCancelled()
                ? new TransferFailure(TransferFailure.Kind.CANCELLED, null, "cancelled", e)
                : new TransferFailure(TransferFailure.Kind.BROKEN, null, e.toString(), e);
    }
}
