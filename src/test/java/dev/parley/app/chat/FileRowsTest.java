package dev.parley.app.chat;

import dev.parley.app.files.FileEntry;
import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files as rows of the chat, in the view model without a window. */
@Timeout(30)
class FileRowsTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    private final List<String> notifications = new ArrayList<>();
    private final ChatViewModel vm = new ChatViewModel(new FakeLink(), "10.0.0.5:7770", false, bundle,
            new MutableClock(T0, ZoneOffset.UTC), (t, x) -> notifications.add(t + "|" + x));

    private static Frame.FileEvent file(long seq, String from, String name, String sha) {
        return new Frame.FileEvent(seq, "f-" + seq, from, Role.GUEST, name, 2_400_000, "application/pdf", sha,
                null, null, null, null, T0.plusSeconds(seq).toString());
    }

    private List<ChatItem.File> files() {
        return vm.items().stream().filter(ChatItem.File.class::isInstance).map(ChatItem.File.class::cast).toList();
    }

    @Test
    void aSharedFileIsARowOfItsOwnOnTheSendersSideReadyToSave() {
        vm.apply(List.of(Events.welcome("Bob", "Alice"), Events.from("Alice", "the plan:", T0),
                new ChatEvent.FileShared(file(5, "Alice", "plan.pdf", "a".repeat(64)), false)));
        List<ChatItem.File> rows = files();
        assertEquals(1, rows.size());
        ChatItem.File row = rows.getFirst();
        assertEquals("Alice", row.sender());
        assertFalse(row.outgoing());
        assertEquals(5, row.seq());
        assertEquals("plan.pdf", row.entry().name());
        assertEquals(FileEntry.Stage.SHARED, row.entry().stage());
        assertTrue(vm.items().getLast() instanceof ChatItem.File, "after the message it follows");
    }

    @Test
    void aFileTheHostEvictedSaysItIsNoLongerAvailable() {
        String sha = "b".repeat(64);
        vm.apply(List.of(Events.welcome("Bob", "Alice"), new ChatEvent.FileShared(file(3, "Alice", "old.zip", sha), false),
                new ChatEvent.FileShared(file(4, "Alice", "new.zip", "c".repeat(64)), false)));
        vm.apply(List.of(new ChatEvent.FilesGone(List.of(sha))));
        assertEquals(FileEntry.Stage.GONE, files().get(0).entry().stage());
        assertEquals("This file is no longer available.", files().get(0).entry().sentenceProperty().get());
        assertEquals(FileEntry.Stage.SHARED, files().get(1).entry().stage(), "other files stay");
    }

    @Test
    void aFileFromSomeoneElseInTheBackgroundIsNotifiedByItsName() {
        vm.windowFocusedProperty().set(false);
        vm.apply(List.of(Events.welcome("Bob", "Alice"), new ChatEvent.FileShared(file(7, "Alice", "photo.png", "d".repeat(64)), false)));
        assertEquals(1, notifications.size());
        assertTrue(notifications.getFirst().contains("photo.png"), notifications.getFirst());
    }
}
