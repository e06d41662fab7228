package dev.parley.app.chat;

import dev.parley.store.ExportFormat;
import dev.parley.store.ExportMonitor;
import dev.parley.store.ExportResult;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * "Export chat…": asks where to save (HTML for people, JSON Lines for programs, by the file's
 * type), then writes the history in the background with a progress bar and a Cancel button, and
 * says how it went. The FX thread only shows; the writing runs on the background executor.
 */
public final class ExportDialog {
    private final ResourceBundle bundle;
    private final Executor background;
    private final BiFunction<Window, FileChooser, File> choose;

    /** @param choose shows the save dialog (a test answers it without a native dialog) */
    public ExportDialog(ResourceBundle bundle, Executor background, BiFunction<Window, FileChooser, File> choose) {
        this.bundle = bundle;
        this.background = background;
        this.choose = choose;
    }

    /** Asks for a file and exports to it. FX thread. */
    public void show(Window owner, ChatExporter exporter, String room, long newestSeq) {
        if (!exporter.available()) {
            info(owner, text("chat.export.unavailable"));
            return;
        }
        var chooser = new FileChooser();
        chooser.setTitle(text("chat.export.title"));
        var html = new FileChooser.ExtensionFilter(text("chat.export.html"), "*.html");
        var jsonl = new FileChooser.ExtensionFilter(text("chat.export.jsonl"), "*.jsonl");
        chooser.getExtensionFilters().addAll(html, jsonl);
        chooser.setInitialFileName(safeName(room) + ".html");
        File file = choose.apply(owner, chooser);
        if (file == null) {
            return;
        }
        boolean lines = file.getName().endsWith(".jsonl") || chooser.getSelectedExtensionFilter() == jsonl;
        ExportFormat format = lines ? new ExportFormat.JsonLines()
                : new ExportFormat.Html(room, ZoneId.systemDefault(), Locale.getDefault(Locale.Category.FORMAT),
                new ExportFormat.HtmlLabels(text("chat.export.label.joined"), text("chat.export.label.left"),
                        text("chat.export.label.host"), text("chat.export.label.summary")));
        run(owner, exporter, file.toPath(), format, newestSeq);
    }

    private void run(Window owner, ChatExporter exporter, Path target, ExportFormat format, long newestSeq) {
        var task = new ExportTask(exporter, target, format, newestSeq);
        var bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(task.progressProperty());
        var label = new Label();
        label.textProperty().bind(task.messageProperty());
        var dialog = new Alert(Alert.AlertType.NONE, null, ButtonType.CANCEL);
        dialog.initOwner(owner);
        dialog.setTitle(text("chat.export.title"));
        dialog.setHeaderText(MessageFormat.format(text("chat.export.saving"), target.getFileName()));
        dialog.getDialogPane().setContent(new VBox(8, bar, label));
        dialog.getDialogPane().getStyleClass().add("export-dialog");
        dialog.setOnHidden(e -> task.cancel());
        task.setOnSucceeded(e -> {
            dialog.close();
            if (task.getValue() == ExportResult.COMPLETE) {
                info(owner, MessageFormat.format(text("chat.export.done"), target));
            }
        });
        task.setOnFailed(e -> {
            dialog.close();
            System.getLogger(ExportDialog.class.getName()).log(System.Logger.Level.WARNING, "export failed",
                    task.getException());
            info(owner, text("chat.export.failed"));
        });
        background.execute(task);
        dialog.show();
    }

    /** The export on the background thread; Cancel in the dialog cancels it between pages. */
    private final class ExportTask extends Task<ExportResult> implements ExportMonitor {
        private final ChatExporter exporter;
        private final Path target;
        private final ExportFormat format;
        private final long newestSeq;

        ExportTask(ChatExporter exporter, Path target, ExportFormat format, long newestSeq) {
            this.exporter = exporter;
            this.target = target;
            this.format = format;
            this.newestSeq = newestSeq;
        }

        @Override
        protected ExportResult call() throws Exception {
            return exporter.export(target, format, this, newestSeq);
        }

        @Override
        public void progress(long done, long total) {
            updateProgress(done, total > 0 ? total : -1);
            updateMessage(MessageFormat.format(text("chat.export.progress"), done));
        }
    }

    private void info(Window owner, String sentence) {
        var alert = new Alert(Alert.AlertType.INFORMATION, sentence, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(text("chat.export.title"));
        alert.setHeaderText(null);
        alert.show();
    }

    /** The room's name as a file name: letters, digits and a few marks kept, the rest a dash. */
    static String safeName(String room) {
        String name = room == null ? "" : room.strip().replaceAll("[^\\p{L}\\p{N} ._-]+", "-").replaceAll("^[.-]+", "");
        return name.isEmpty() ? "chat" : name.length() > 60 ? name.substring(0, 60) : name;
    }

    private String text(String key) {
        return bundle.getString(key);
    }
}
