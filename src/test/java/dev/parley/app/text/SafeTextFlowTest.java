package dev.parley.app.text;

import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row whose layout throws shows its text plainly; the other rows and the window carry on. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class SafeTextFlowTest {
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage().contains("could not be laid out")) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Held, so that the logger with our handler is the one the app logs to (loggers are weakly kept). */
    private final Logger appLogger = Logger.getLogger("dev.parley.app");
    private ListView<String> list;
    private Stage stage;

    /** A node whose size cannot be computed, standing in for any future layout bug. */
    private static final class Broken extends Region {
        @Override
        protected double computePrefWidth(double height) {
            throw new ArrayIndexOutOfBoundsException("broken on purpose");
        }
    }

    @Start
    void start(Stage stage) {
        // @Start runs before @BeforeEach, and the row fails in the first layout.
        appLogger.addHandler(handler);
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> thrown.add(e));
        this.stage = stage;
        list = new ListView<>(FXCollections.observableArrayList("first row", "BROKEN second row", "third row"));
        list.setCellFactory(l -> new ListCell<>() {
            private final SafeTextFlow flow = new SafeTextFlow("cannot be shown");

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                flow.show(item.startsWith("BROKEN") ? List.of(new Text("BROKEN "), new Broken(), new Text("second row"))
                        : List.of(new Text(item)), item);
                setGraphic(flow);
            }
        });
        stage.setScene(new Scene(list, 400, 300));
        stage.show();
    }

    @AfterEach
    void unwatch() {
        appLogger.removeHandler(handler);
    }

    @Test
    void aRowThatCannotBeLaidOutFallsBackToPlainTextAndIsLoggedOnce() {
        waitUntil(() -> flowOf(1) != null && flowOf(1).isFallback());
        for (int width : new int[]{420, 500, 380, 450}) {
            onFx(() -> stage.setWidth(width));
            waitUntil(() -> !list.isNeedsLayout());
        }
        assertEquals(List.of(), thrown, "nothing reached the FX thread's handler");
        assertEquals(1, logged.size(), "one log line, not one per pulse");
        assertTrue(fx(() -> ((Text) flowOf(1).getChildren().getFirst()).getText().replace("\n", "").equals("BROKEN second row")));
        assertFalse(fx(() -> flowOf(0).isFallback() || flowOf(2).isFallback()), "the other rows are untouched");
        assertTrue(fx(() -> flowOf(2).getHeight() > 10), "rows after the broken one are laid out");
    }

    private SafeTextFlow flowOf(int index) {
        return list.lookupAll(".list-cell").stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.getIndex() == index && c.getGraphic() instanceof SafeTextFlow)
                .map(c -> (SafeTextFlow) c.getGraphic())
                .findFirst().orElse(null);
    }
}
