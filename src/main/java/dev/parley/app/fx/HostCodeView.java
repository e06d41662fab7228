package dev.parley.app.fx;

import dev.parley.tls.HostCode;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.List;

/**
 * A host code as people compare it: its six words in two rows of three, each with its four-digit number
 * under it, the same on every screen (no emoji, no colours that depend on a font). Read by screen readers
 * as the words followed by the numbers. FX thread.
 */
public final class HostCodeView {
    private static final int COLUMNS = 3;

    private HostCodeView() {
    }

    /** The code's words and numbers laid out for reading; style classes {@code host-code}, {@code host-code-word}, {@code host-code-digits}. */
    public static GridPane of(HostCode code) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("host-code");
        List<String> words = code.words();
        String[] digits = code.digitsText().split(" ");
        for (int i = 0; i < words.size(); i++) {
            Label word = new Label(words.get(i));
            word.getStyleClass().add("host-code-word");
            Label number = new Label(digits[i]);
            number.getStyleClass().add("host-code-digits");
            int column = i % COLUMNS;
            int row = (i / COLUMNS) * 2;
            grid.add(word, column, row);
            grid.add(number, column, row + 1);
            GridPane.setHalignment(word, HPos.CENTER);
            GridPane.setHalignment(number, HPos.CENTER);
        }
        for (int c = 0; c < COLUMNS; c++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setPercentWidth(100.0 / COLUMNS);
            constraints.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(constraints);
        }
        grid.setFocusTraversable(false);
        grid.setAccessibleText(code.wordsText() + ", " + code.digitsText());
        return grid;
    }
}
