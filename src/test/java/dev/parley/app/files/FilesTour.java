package dev.parley.app.files;

import dev.parley.app.AppHarness;
import dev.parley.app.chat.ChatItem;
import dev.parley.app.settings.Settings;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.client.ChatClient;
import dev.parley.client.ClientConfig;
import dev.parley.client.FileUpload;
import dev.parley.files.Cancellation;
import dev.parley.files.TransferProgress;
import dev.parley.server.FileSettings;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.TestTls;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Not a test: the real app joined to a real room on loopback where Alice shares a photo and a PDF
 * and Bob (this window) sends a zip and saves the PDF, for looking at by eye under Xvfb with the real
 * glass (the README's files screenshot). Argument: the theme, light or dark. Prints READY when done.
 */
public final class FilesTour extends Application {
    /** Started from the class path, the main class must not be an {@code Application}. */
    public static final class Launch {
        public static void main(String[] args) {
            Application.launch(FilesTour.class, args);
        }
    }

    private AppHarness app;
    /** The second look: a failed upload and the paste sheet open over the chat. */
    private boolean states;

    @Override
    public void start(Stage stage) throws Exception {
        boolean dark = getParameters().getRaw().getFirst().equals("dark");
        states = getParameters().getRaw().size() > 1 && getParameters().getRaw().get(1).equals("states");
        Path dir = Files.createTempDirectory("parley-tour");
        var server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom("Weekend trip", null)
                .withFiles(FileSettings.temporary().withLimits(dev.parley.files.FileLimits.defaults()
                        .withMaxFileBytes(states ? 3_000_000 : 100_000_000))))).start();
        app = new AppHarness();
        app.settings.theme(dark ? Settings.ThemeChoice.DARK : Settings.ThemeChoice.LIGHT);
        app.open(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
        app.shell.startViewModel().start(ConnectRequest.join(new HostAddress("127.0.0.1", server.port()), "Bob", null));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                play(server.port(), dir);
                System.out.println("READY");
            } catch (Exception e) {
                e.printStackTrace();
                System.out.println("FAILED " + e);
            }
        });
    }

    private void play(int port, Path dir) throws Exception {
        ChatClient alice = TestTls.client(ClientConfig.of("127.0.0.1", port, "Alice"));
        alice.connect();
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    alice.takeEvent();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waitFx(() -> app.chat() != null && "Weekend trip".equals(app.chat().roomProperty().get()));
        alice.send("Here are the photos from Saturday at the lake");
        Path photo = photo(dir.resolve("lake-saturday.png"));
        new FileUpload(photo).run(alice, TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
        alice.send("And the plan for the cabin, with the room list");
        Path pdf = dir.resolve("cabin-plan-and-rooms.pdf");
        byte[] body = new byte[2_400_000];
        new Random(7).nextBytes(body);
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, body, 0, head.length);
        Files.write(pdf, body);
        new FileUpload(pdf).run(alice, TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
        waitFx(() -> rows() == 2);
        Path zip = dir.resolve("budget-2027.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("budget.csv"));
            byte[] csv = new byte[900_000];
            new Random(3).nextBytes(csv);
            out.write(csv);
            out.closeEntry();
        }
        onFx(() -> app.chat().sendText("Lovely! Here is the budget, and I'm saving the plan now"));
        Thread.sleep(300); // for the look only: the message goes before the zip
        onFx(() -> app.chat().files().send(zip, ""));
        waitFx(() -> rows() == 3);
        Path saves = Files.createDirectories(dir.resolve("Downloads"));
        onFx(() -> {
            var entry = app.chat().items().stream().filter(ChatItem.File.class::isInstance)
                    .map(i -> ((ChatItem.File) i).entry()).filter(e -> e.name().endsWith(".pdf")).findFirst().orElseThrow();
            app.chat().files().save(entry, saves.resolve(entry.name()));
        });
        waitFx(() -> app.chat().items().stream().filter(ChatItem.File.class::isInstance)
                .allMatch(i -> ((ChatItem.File) i).entry().stage() == FileEntry.Stage.SAVED
                        || ((ChatItem.File) i).entry().stage() == FileEntry.Stage.SHARED));
        if (states) {
            Path big = dir.resolve("lake-video-4k.mp4");
            Files.write(big, new byte[5_000_000]);
            onFx(() -> app.chat().files().send(big, ""));
            waitFx(() -> rows() == 4);
            Thread.sleep(500); // for the look only
        }
        if (getParameters().getRaw().contains("sheet")) {
            onFx(() -> {
                var content = new javafx.scene.input.ClipboardContent();
                content.putImage(new javafx.scene.image.Image(photo.toUri().toString()));
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
                var composer = (javafx.scene.control.TextArea) app.shell.stage().getScene().lookup("#composer");
                composer.requestFocus();
                composer.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                        javafx.scene.input.KeyCode.V, false, true, false, false));
            });
        }
        if (getParameters().getRaw().contains("viewer")) {
            onFx(() -> {
                var entry = app.chat().items().stream().filter(ChatItem.File.class::isInstance)
                        .map(i -> ((ChatItem.File) i).entry()).filter(FileEntry::picture).findFirst().orElseThrow();
                var actions = (FileActions) app.shell.stage().getScene().lookup("#messages").getProperties()
                        .get(FileActions.class);
                actions.view(entry);
            });
        }
        Thread.sleep(1500); // for the look only: let the last pictures and layout settle before the screenshot
    }

    private long rows() {
        return app.chat().items().stream().filter(ChatItem.File.class::isInstance).count();
    }

    /** A landscape of sky, sun, hills and a lake: something a person would share. */
    private static Path photo(Path file) throws Exception {
        int w = 1600;
        int h = 1067;
        var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x3a7bd5), 0, h * 0.6f, new Color(0xfbd786)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0xfff3c4));
        g.fillOval(1080, 300, 180, 180);
        g.setColor(new Color(0x4b6b50));
        g.fill(new Polygon(new int[] {0, 300, 620, 900, 1250, 1600, 1600, 0}, new int[] {700, 420, 640, 380, 600, 460, 760, 760}, 8));
        g.setColor(new Color(0x2e4a36));
        g.fill(new Polygon(new int[] {0, 420, 800, 1200, 1600, 1600, 0}, new int[] {780, 600, 760, 620, 780, 820, 820}, 7));
        g.setPaint(new GradientPaint(0, 760, new Color(0x2b5876), 0, h, new Color(0x4e4376)));
        g.fillRect(0, 800, w, h - 800);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static void onFx(Runnable action) throws InterruptedException {
        var done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                action.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    private static void waitFx(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            boolean[] holds = new boolean[1];
            onFx(() -> holds[0] = condition.getAsBoolean());
            if (holds[0]) {
                return;
            }
            Thread.sleep(50); // a tour, not a test: polls the window's state while the room plays
        }
        throw new IllegalStateException("the tour's room did not get there");
    }
}
