package dev.parley.app.files;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;

/**
 * The file dialogs of the files feature, behind one small seam so a test can answer them. FX thread.
 */
public interface FileChoosers {
    /** The platform's own dialogs. */
    FileChoosers REAL = new FileChoosers() {
        @Override
        public List<File> openFiles(Window owner, FileChooser chooser) {
            return chooser.showOpenMultipleDialog(owner);
        }

        @Override
        public File saveFile(Window owner, FileChooser chooser) {
            return chooser.showSaveDialog(owner);
        }
    };

    /** The files to send (the attach button); {@code null} or empty when the person cancels. */
    List<File> openFiles(Window owner, FileChooser chooser);

    /** Where to save a file ("Save…"); {@code null} when the person cancels. */
    File saveFile(Window owner, FileChooser chooser);
}
