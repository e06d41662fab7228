/**
 * The room log on disk: one SQLite database per room, written by one group-commit thread, read
 * back on restart, searched with FTS5 and exported; and a guest's own copy of what it has seen.
 *
 * <p>Core code: it never touches JavaFX and knows neither {@code server} nor {@code client}; it
 * reads frames through {@code protocol} only to export them as HTML. Every class says which
 * thread may call it. Nothing here blocks the caller of {@link dev.parley.store.RoomStore#append}.
 */
package dev.parley.store;
