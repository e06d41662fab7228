package dev.parley.app.start;

import dev.parley.tls.HostCode;

/**
 * What the start screen asks the person about a host's key before it joins (the app shows them as
 * modal dialogs over the window). Called on the FX thread; each returns the person's answer.
 */
public interface TrustQuestions {

    /** "Is this the host you meant?" for a key met for the first time; {@code true} joins and remembers it. */
    boolean trustNewHost(String address, HostCode code);

    /** The changed-key warning with both codes; {@code true} only if the person chose to trust the new key. */
    boolean trustChangedHost(String address, HostCode pinned, HostCode presented);
}
