package dev.parley.app.start;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

import java.util.function.Function;

/**
 * One form field: its text, what is wrong with it (a sentence, or empty) and the sentence to show,
 * which stays hidden until the person has typed in the field so a fresh form is not shouting.
 */
public final class FormField {
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty touched = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final StringBinding shown;

    /** @param check returns a sentence saying what is wrong, or {@code null} when the text is fine */
    public FormField(Function<String, String> check) {
        problem.bind(Bindings.createStringBinding(() -> {
            String p = check.apply(text.get());
            return p == null ? "" : p;
        }, text));
        text.addListener((obs, old, now) -> touched.set(true));
        shown = Bindings.createStringBinding(() -> touched.get() ? problem.get() : "", touched, problem);
    }

    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    /** Fills the field without counting as the person's typing. */
    public void prefill(String value) {
        boolean was = touched.get();
        text.set(value == null ? "" : value);
        touched.set(was);
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public StringBinding shownProblem() {
        return shown;
    }

    public ObservableBooleanValue valid() {
        return problem.isEmpty();
    }

    /** Shows the problem even if the field was not typed in (after a try to submit). */
    public void touch() {
        touched.set(true);
    }
}
