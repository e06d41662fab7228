package dev.parley.files;

import java.io.IOException;

/** A transfer line that breaks the transfer protocol; {@code problem} is what the host answers. */
public final class TransferProtocolException extends IOException {
    private final FileProblem problem;

    public TransferProtocolException(FileProblem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public FileProblem problem() {
        return problem;
    }
}
