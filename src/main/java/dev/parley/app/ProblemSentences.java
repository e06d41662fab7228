package dev.parley.app;

import dev.parley.client.Problem;
import dev.parley.protocol.ErrorCode;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Puts the client's typed {@link Problem}s into sentences from the app's resource bundle, in the
 * person's language. Any thread (it only reads the bundle).
 */
public final class ProblemSentences {
    private final ResourceBundle bundle;

    public ProblemSentences(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** The sentence for {@code problem}. */
    public String of(Problem problem) {
        return switch (problem) {
            case Problem.UnknownHost p -> format("problem.unknownHost", p.host());
            case Problem.NobodyHosting p -> format("problem.nobodyHosting", p.address());
            case Problem.Unreachable p -> format("problem.unreachable", p.address());
            case Problem.NoAnswer p -> format("problem.noAnswer", p.address());
            case Problem.ConnectionLost p -> format("problem.connectionLost", p.address());
            case Problem.ClosedBeforeWelcome p -> format("problem.closedBeforeWelcome", p.address());
            case Problem.NotParley p -> format("problem.notParley", p.address());
            case Problem.UnknownHostKey p -> format("problem.unknownHostKey", p.address());
            case Problem.HostKeyChanged p -> format("problem.hostKeyChanged", p.address());
            case Problem.PlaintextHost p -> format("problem.plaintextHost", p.address());
            case Problem.TlsFailed p -> format("problem.tlsFailed", p.address());
            case Problem.NoTrustStore p -> format("problem.noTrustStore", p.folder());
            case Problem.Refused r -> refused(r);
            case Problem.HostSilent p -> text("problem.hostSilent");
            case Problem.HostClosed p -> text("problem.hostClosed");
            case Problem.HostRestarting p -> text("problem.hostRestarting");
            case Problem.Unreadable p -> text("problem.unreadable");
            case Problem.Cancelled p -> text("problem.cancelled");
        };
    }

    private String refused(Problem.Refused r) {
        ErrorCode code = r.code();
        if (code == null) {
            return text("problem.refused.other");
        }
        return switch (code) {
            case NICK_TAKEN -> format("problem.refused.nickTaken", r.nick());
            case BAD_PASSWORD -> text(r.passwordGiven() ? "problem.refused.passwordWrong"
                    : "problem.refused.passwordNeeded");
            case SERVER_FULL -> text("problem.refused.full");
            case UNSUPPORTED_VERSION -> text("problem.refused.version");
            case NICK_INVALID -> format("problem.refused.nickInvalid", r.nick());
            case HELLO_TIMEOUT -> text("problem.refused.helloTimeout");
            default -> text("problem.refused.other");
        };
    }

    private String text(String key) {
        return bundle.getString(key);
    }

    private String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }
}
