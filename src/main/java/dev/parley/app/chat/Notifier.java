package dev.parley.app.chat;

/** Tells the person about new messages while the chat window is in the background. FX thread. */
@FunctionalInterface
public interface Notifier {

    void newMessages(String title, String text);
}
