package dev.parley.app.notify;

/**
 * Shows a notification through what the operating system offers. Implementations never block the
 * caller (the FX thread): anything that talks to the system runs on their own background thread.
 */
public interface SystemNotifier extends AutoCloseable {

    /**
     * Shows one notification.
     *
     * @param sound   whether it may play the system's sound for a new message
     * @param clicked run (on a background thread) when the person clicks it, where the system says so
     */
    void show(String title, String text, boolean sound, Runnable clicked);

    /** Lets go of the system's resources; later notifications are dropped. */
    @Override
    void close();
}
