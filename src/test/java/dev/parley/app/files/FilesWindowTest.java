package dev.parley.app.files;

import dev.parley.app.AppHarness;
import dev.parley.app.chat.ChatItem;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ClientConfig;
import dev.parley.client.FileDownload;
import dev.parley.client.FileUpload;
import dev.parley.files.Cancellation;
import dev.parley.files.FileLimits;
import dev.parley.files.TransferProgress;
import dev.parley.protocol.Frame;
import dev.parley.server.FileSettings;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.TestTls;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files in the chat window against a real room on loopback over TLS, with a second participant
 * (Alice, a plain client) on the other side: the attach button, a paste with its preview sheet, progress while a transfer runs, Save… into a chosen folder, and a limit's sentence.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class FilesWindowTest {
    private final AppHarness app = new AppHarness();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private final List<ChatEvent> aliceSaw = new CopyOnWriteArrayList<>();
    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        app.open(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        onFx(app::close);
        for (AutoCloseable c : closeLater.reversed()) {
            c.close();
        }
    }

    private RoomServer server(FileLimits limits) throws IOException {
        var config = ServerConfig.defaults().withPort(0).withRoom("Test room", null)
                .withFiles(FileSettings.temporary().withLimits(limits));
        var server = new RoomServer(TestTls.secure(config)).start();
        closeLater.add(server);
        return server;
    }

    private void joinAsBob(int port) {
        onFx(() -> app.shell.startViewModel().start(
                ConnectRequest.join(new HostAddress("127.0.0.1", port), "Bob", null)));
        waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));
    }

    /** Alice, a second participant whose events this test reads. */
    private ChatClient alice(int port) throws Exception {
        var client = TestTls.client(ClientConfig.of("127.0.0.1", port, "Alice"));
        client.connect();
        closeLater.add(client);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    ChatEvent e = client.takeEvent();
                    aliceSaw.add(e);
                    if (e instanceof ChatEvent.Ended) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return client;
    }

    private Frame.FileEvent aliceGetsAFile() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> aliceSaw.stream().filter(ChatEvent.FileShared.class::isInstance)
                        .map(e -> ((ChatEvent.FileShared) e).file()).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private Path randomFile(String name, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        return Files.write(temp.resolve(name), data);
    }

    private static String sha256(Path file) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private List<ChatItem.File> fileRows() {
        return fx(() -> app.chat().items().stream().filter(ChatItem.File.class::isInstance)
                .map(ChatItem.File.class::cast).toList());
    }

    private FileEntry onlyEntry() {
        waitUntil(() -> fileRows().size() == 1);
        return fileRows().getFirst().entry();
    }

    /** A node shown in a file bubble (it and everything around it visible), or {@code null}. */
    private <T extends Node> T inBubble(FxRobot robot, String query, Class<T> type) {
        return fx(() -> robot.lookup(".file-bubble " + query).queryAllAs(type).stream()
                .filter(FilesWindowTest::shown).findFirst().orElse(null));
    }

    private static boolean shown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aFileChosenWithTheAttachButtonArrivesWholeAtAnotherPerson(FxRobot robot) throws Exception {
        var server = server(FileLimits.defaults());
        alice(server.port());
        joinAsBob(server.port());
        Path file = randomFile("report.pdf", 3_000_000);
        app.openFiles = List.of(file.toFile());

        robot.clickOn("#attachButton");

        FileEntry entry = onlyEntry();
        assertEquals("report.pdf", entry.name());
        waitUntil(() -> entry.stage() == FileEntry.Stage.SHARED);
        Frame.FileEvent got = aliceGetsAFile();
        assertEquals("report.pdf", got.name());
        assertEquals(sha256(file), got.sha256());
        Path saved = FileDownload.save((ChatClient) closeLater.get(1), got, Files.createDirectory(temp.resolve("alice")),
                TransferProgress.NONE, new Cancellation());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(saved), "the bytes arrived whole");
        assertEquals(1, fileRows().size(), "one's own file keeps its one row when the room confirms it");
    }

    @Test
    void aPastedPictureShowsAPreviewWithACaptionThenGoesInlineWithTheCaptionAfterIt(FxRobot robot) throws Exception {
        var server = server(FileLimits.defaults());
        alice(server.port());
        joinAsBob(server.port());
        onFx(() -> {
            var picture = new WritableImage(400, 300);
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 400; x++) {
                    picture.getPixelWriter().setColor(x, y, Color.hsb(x * 0.9, 0.6, 0.4 + y / 600.0));
                }
            }
            var content = new ClipboardContent();
            content.putImage(picture);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });

        robot.clickOn("#composer");
        robot.press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#pasteSheet").query().isVisible());
        assertTrue(fx(() -> robot.lookup("#pasteSheet .image-view").queryAs(ImageView.class).getImage() != null),
                "the sheet shows the picture");
        assertTrue(fileRows().isEmpty(), "nothing is sent before Send");
        robot.clickOn("#pasteCaption").write("our whiteboard");
        robot.clickOn("#pasteSend");

        FileEntry entry = onlyEntry();
        waitUntil(() -> entry.stage() == FileEntry.Stage.SHARED && entry.pictureProperty().get() != null);
        waitUntil(() -> inBubble(robot, ".file-picture .image-view", ImageView.class) != null);
        ImageView inline = inBubble(robot, ".file-picture .image-view", ImageView.class);
        assertTrue(fx(() -> inline.getFitWidth() > 0 && inline.getFitWidth() <= FileBubble.PICTURE_EDGE),
                "the picture shows inline, bounded");
        Frame.FileEvent got = aliceGetsAFile();
        assertEquals("image/png", got.media());
        assertEquals(400, got.w());
        assertNotNull(got.thumb(), "the host made a thumbnail for the others' bubbles");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> aliceSaw.stream()
                .anyMatch(e -> e instanceof ChatEvent.Message m && m.msg().text().equals("our whiteboard")));
        long fileSeq = got.seq();
        long captionSeq = aliceSaw.stream().filter(ChatEvent.Message.class::isInstance)
                .map(e -> ((ChatEvent.Message) e).msg()).filter(m -> m.text().equals("our whiteboard"))
                .findFirst().orElseThrow().seq();
        assertTrue(captionSeq > fileSeq, "the caption follows its picture");
    }

    @Test
    void aPictureSomeoneSharedShowsInlineAtOnceAndFullSizeInItsOwnWindowOnAClick(FxRobot robot) throws Exception {
        var server = server(FileLimits.defaults());
        ChatClient alice = alice(server.port());
        joinAsBob(server.port());
        Path photo = temp.resolve("lake.png");
        var image = new java.awt.image.BufferedImage(1200, 800, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.BLUE, 0, 800, java.awt.Color.ORANGE));
        g.fillRect(0, 0, 1200, 800);
        g.dispose();
        javax.imageio.ImageIO.write(image, "png", photo.toFile());
        new FileUpload(photo).run(alice, TransferProgress.NONE, TransferProgress.NONE, new Cancellation());

        FileEntry entry = onlyEntry();
        waitUntil(() -> inBubble(robot, ".file-picture .image-view", ImageView.class) != null);
        ImageView inline = inBubble(robot, ".file-picture .image-view", ImageView.class);
        assertEquals(FileBubble.PICTURE_EDGE, fx(inline::getFitWidth), "the host's thumbnail, at the bubble's size");
        int windows = fx(() -> javafx.stage.Window.getWindows().size());

        robot.clickOn(inline);

        waitUntil(() -> javafx.stage.Window.getWindows().size() > windows);
        var viewer = fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot().getStyleClass().contains("image-viewer"))
                .findFirst().orElseThrow());
        waitUntil(() -> viewer.getScene().lookup(".image-view") instanceof ImageView v && v.getImage() != null
                && v.getImage().getProgress() == 1 && !v.getImage().isError());
        var full = fx(() -> ((ImageView) viewer.getScene().lookup(".image-view")).getImage());
        assertTrue(fx(full::getWidth) > 320, "the full picture, not the thumbnail: " + fx(full::getWidth));
        assertTrue(fx(full::getWidth) <= 1200, "never decoded larger than it is");
        assertEquals(FileEntry.Stage.SHARED, entry.stage(), "viewing is not saving");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !viewer.isShowing());
    }

    @Test
    void aTransferShowsItsProgressWhileItRunsAndNotOnceItIsDone(FxRobot robot) throws Exception {
        var server = server(FileLimits.defaults());
        var valve = new ValveRelay(server.port(), 2_000_000).start();
        closeLater.add(valve);
        joinAsBob(valve.port());
        Path file = randomFile("video.mp4", 24_000_000);
        app.openFiles = List.of(file.toFile());

        robot.clickOn("#attachButton");

        FileEntry entry = onlyEntry();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> fx(() -> entry.stage() == FileEntry.Stage.UPLOADING && entry.progressProperty().get() > 0));
        ProgressBar bar = inBubble(robot, ".file-progress", ProgressBar.class);
        assertNotNull(bar, "a progress bar shows while the file is on its way");
        double shown = fx(bar::getProgress);
        assertTrue(shown > 0 && shown < 1, "the bar is part way: " + shown);
        assertTrue(fx(() -> robot.lookup(".file-cancel").queryAll().stream().anyMatch(FilesWindowTest::shown)),
                "the transfer can be cancelled");

        valve.open();
        waitUntil(() -> entry.stage() == FileEntry.Stage.SHARED);
        waitUntil(() -> inBubble(robot, ".file-progress", ProgressBar.class) == null);
    }

    @Test
    void saveWritesTheFileIntoTheChosenFolderAndOpenFolderShowsTheFolderOnly(FxRobot robot) throws Exception {
        var server = server(FileLimits.defaults());
        ChatClient alice = alice(server.port());
        joinAsBob(server.port());
        Path file = randomFile("notes.zip", 1_500_000);
        new FileUpload(file).run(alice, TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
        FileEntry entry = onlyEntry();
        waitUntil(() -> inBubble(robot, ".file-card .file-name", Label.class) != null);
        assertEquals("notes.zip", fx(() -> inBubble(robot, ".file-card .file-name", Label.class).getText()));
        Path folder = Files.createDirectory(temp.resolve("chosen"));
        app.saveAs = folder.resolve("notes.zip").toFile();

        robot.clickOn(inBubble(robot, ".file-action", javafx.scene.control.Hyperlink.class));

        waitUntil(() -> entry.stage() == FileEntry.Stage.SAVED);
        Path saved = fx(() -> entry.savedProperty().get());
        assertEquals(folder, saved.getParent());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(saved), "the saved file is whole");
        var openFolder = fx(() -> robot.lookup(".file-action").queryAllAs(javafx.scene.control.Hyperlink.class)
                .stream().filter(h -> shown(h) && h.getText().equals("Open folder")).findFirst().orElseThrow());
        robot.clickOn(openFolder);
        waitUntil(() -> !app.opened.isEmpty());
        assertEquals(List.of(folder.toUri().toString()), app.opened, "the folder is shown, the file never opened");
    }

    @Test
    void aFileOverTheHostsLimitShowsWhyInTheWindow(FxRobot robot) throws Exception {
        var server = server(FileLimits.defaults().withMaxFileBytes(1_000_000));
        joinAsBob(server.port());
        Path file = randomFile("big.iso", 2_500_000);
        app.openFiles = List.of(file.toFile());

        robot.clickOn("#attachButton");

        FileEntry entry = onlyEntry();
        waitUntil(() -> entry.stage() == FileEntry.Stage.UPLOAD_FAILED);
        Label sentence = inBubble(robot, ".file-sentence", Label.class);
        assertNotNull(sentence);
        assertEquals("This file is 2.5 MB; this room takes files of at most 1.0 MB.", fx(sentence::getText));
    }
}
