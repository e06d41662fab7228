package dev.parley.app.files;

import dev.parley.app.AppHarness;
import dev.parley.app.chat.ChatItem;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ClientConfig;
import dev.parley.protocol.Frame;
import dev.parley.server.FileSettings;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.TestTls;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link RealGlassDropIT} in a child JVM on Xvfb with the real GTK glass: the app joined to a
 * real room, a second window holding a file to drag, and {@code xdotool} dragging it onto the chat
 * with the X server's own pointer. Prints {@code DROP OK} once Alice, in the same room, got the file
 * with the right SHA-256; exits 1 with the reason otherwise.
 */
public final class RealGlassDropProbe extends Application {
    /** Started from the class path, the main class must not be an {@code Application}. */
    public static final class Launch {
        public static void main(String[] args) {
            Application.launch(RealGlassDropProbe.class, args);
        }
    }

    private final CompletableFuture<Frame.FileEvent> aliceGot = new CompletableFuture<>();
    private AppHarness app;
    private Path file;

    @Override
    public void start(Stage stage) throws Exception {
        file = Files.createTempFile("parley-drop", ".bin");
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        Files.write(file, data);
        var server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom("Drop room", null)
                .withFiles(FileSettings.temporary()))).start();
        ChatClient alice = TestTls.client(ClientConfig.of("127.0.0.1", server.port(), "Alice"));
        alice.connect();
        Thread.ofVirtual().start(() -> {
            try {
                while (!aliceGot.isDone()) {
                    if (alice.takeEvent() instanceof ChatEvent.FileShared f) {
                        aliceGot.complete(f.file());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        app = new AppHarness();
        app.open(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1100);
        stage.setHeight(760);
        app.shell.startViewModel().start(ConnectRequest.join(new HostAddress("127.0.0.1", server.port()), "Bob", null));

        var source = new Label("drag me");
        source.setOnDragDetected(e -> {
            var board = source.startDragAndDrop(TransferMode.COPY);
            var content = new ClipboardContent();
            content.putFiles(List.of(file.toFile()));
            board.setContent(content);
            e.consume();
        });
        var sourceStage = new Stage();
        sourceStage.setScene(new Scene(new StackPane(source), 160, 120));
        sourceStage.setX(1110);
        sourceStage.setY(100);
        sourceStage.show();
        Thread.ofPlatform().daemon().start(() -> drive(source));
    }

    private void drive(Node source) {
        try {
            waitFx(() -> app.chat() != null && "Drop room".equals(app.chat().roomProperty().get()));
            int[] from = centre(source);
            int[] to = centre(onFx(() -> app.shell.stage().getScene().lookup("#messages")));
            xdotool("mousemove", from[0], from[1]);
            xdotool("mousedown", "1");
            for (int i = 1; i <= 20; i++) {
                xdotool("mousemove", from[0] + (to[0] - from[0]) * i / 20, from[1] + (to[1] - from[1]) * i / 20);
                Thread.sleep(40); // a person's drag takes time: GTK reads the pointer's path, not only its end
            }
            xdotool("mouseup", "1");
            Frame.FileEvent got = aliceGot.get(60, TimeUnit.SECONDS);
            String expected = sha256(file);
            waitFx(() -> app.chat().items().stream().anyMatch(i -> i instanceof ChatItem.File f
                    && f.entry().stage() == FileEntry.Stage.SHARED));
            if (!expected.equals(got.sha256())) {
                fail("Alice got " + got.sha256() + ", the file is " + expected);
            }
            System.out.println("DROP OK on glass platform " + System.getProperty("glass.platform"));
            System.exit(0);
        } catch (Exception e) {
            fail(e.toString());
        }
    }

    private static void fail(String why) {
        System.out.println("DROP FAILED: " + why);
        System.exit(1);
    }

    private static int[] centre(Node node) throws Exception {
        return onFx(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            return new int[] {(int) b.getCenterX(), (int) b.getCenterY()};
        });
    }

    private static void xdotool(Object... args) throws Exception {
        var command = new java.util.ArrayList<String>(List.of("xdotool"));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("xdotool " + command + " failed");
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(read.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(20, TimeUnit.SECONDS);
    }

    private static void waitFx(java.util.function.BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for the window");
            }
            Thread.sleep(50); // polls the window's state from outside the FX thread
        }
    }
}
