package dev.parley.server;

/**
 * A message id as its sender chose it, qualified by who sent it: the key under which resends are
 * recognised. {@code owner} is the member's name key today; per-session de-dup makes it the
 * session (so nobody else can flush yours) without changing the log's interface.
 */
public record ClientId(String owner, String id) {
}
