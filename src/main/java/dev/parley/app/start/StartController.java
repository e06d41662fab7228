package dev.parley.app.start;

import dev.parley.app.fx.ThemeService;
import dev.parley.app.settings.Settings.Mode;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;

import java.util.ResourceBundle;

/** Binds the start screen to its {@link StartViewModel}. */
public final class StartController {
    private final StartViewModel vm;
    private final ThemeService theme;
    private final ResourceBundle bundle;
    private final Runnable about;

    @FXML private ScrollPane scroll;
    @FXML private Menu themeMenu;
    @FXML private ToggleButton hostCard;
    @FXML private ToggleButton joinCard;
    @FXML private Pane hostForm;
    @FXML private Pane joinForm;
    @FXML private TextField hostNameField;
    @FXML private Label hostNameProblem;
    @FXML private TextField roomField;
    @FXML private Label roomProblem;
    @FXML private TextField portField;
    @FXML private Label portProblem;
    @FXML private PasswordField hostPasswordField;
    @FXML private ComboBox<String> addressField;
    @FXML private Label addressProblem;
    @FXML private TextField joinNameField;
    @FXML private Label joinNameProblem;
    @FXML private PasswordField joinPasswordField;
    @FXML private HBox failureBox;
    @FXML private Label failureLabel;
    @FXML private ProgressIndicator progress;
    @FXML private Label progressLabel;
    @FXML private Button cancelButton;
    @FXML private Button startButton;
    @FXML private RoomsController roomsController;

    /** @param about shows the About dialog */
    public StartController(StartViewModel vm, ThemeService theme, ResourceBundle bundle, Runnable about) {
        this.vm = vm;
        this.theme = theme;
        this.bundle = bundle;
        this.about = about;
    }

    @FXML
    private void about() {
        about.run();
    }

    @FXML
    private void initialize() {
        theme.fillMenu(themeMenu, bundle);
        ToggleGroup cards = new ToggleGroup();
        hostCard.setToggleGroup(cards);
        joinCard.setToggleGroup(cards);
        cards.selectToggle(vm.modeProperty().get() == Mode.HOST ? hostCard : joinCard);
        cards.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A card stays chosen: clicking the chosen one again does not clear it.
                cards.selectToggle(old);
            } else {
                vm.modeProperty().set(now == hostCard ? Mode.HOST : Mode.JOIN);
            }
        });
        vm.modeProperty().addListener((obs, old, now) -> {
            cards.selectToggle(now == Mode.HOST ? hostCard : joinCard);
            showMode(now);
        });
        showMode(vm.modeProperty().get());

        bind(hostNameField, vm.name(), hostNameProblem);
        bind(roomField, vm.room(), roomProblem);
        bind(portField, vm.port(), portProblem);
        hostPasswordField.textProperty().bindBidirectional(vm.hostPasswordProperty());
        addressField.setItems(vm.recentHosts());
        addressField.getEditor().textProperty().bindBidirectional(vm.address().textProperty());
        bindProblem(addressField.getEditor(), vm.address(), addressProblem);
        bind(joinNameField, vm.name(), joinNameProblem);
        joinPasswordField.textProperty().bindBidirectional(vm.joinPasswordProperty());
        roomsController.setOnPicked(pick -> vm.address().textProperty().set(pick.address().display()));
        roomsController.setTypedAddress(vm.address().textProperty());

        failureLabel.textProperty().bind(vm.failureProperty());
        failureBox.visibleProperty().bind(vm.failureProperty().isNotEmpty());
        failureBox.managedProperty().bind(failureBox.visibleProperty());
        // The form asks for its height as laid out (its labels wrap by the width it gets), so it
        // scrolls only when the window is too short for it.
        scroll.prefViewportHeightProperty().bind(((javafx.scene.layout.Region) scroll.getContent()).heightProperty());

        var busy = vm.busyProperty();
        progress.visibleProperty().bind(busy);
        progressLabel.visibleProperty().bind(busy);
        cancelButton.visibleProperty().bind(busy);
        cancelButton.managedProperty().bind(busy);
        hostForm.disableProperty().bind(busy);
        joinForm.disableProperty().bind(busy);
        hostCard.disableProperty().bind(busy);
        joinCard.disableProperty().bind(busy);
        startButton.disableProperty().bind(vm.canStartProperty().not());
        startButton.textProperty().bind(Bindings.createStringBinding(() -> bundle.getString(
                vm.modeProperty().get() == Mode.HOST ? "start.host.action" : "start.join.action"), vm.modeProperty()));
        progressLabel.textProperty().bind(Bindings.createStringBinding(() -> bundle.getString(
                vm.modeProperty().get() == Mode.HOST ? "start.host.busy" : "start.join.busy"), vm.modeProperty()));
        // After a failed or cancelled attempt the busy controls vanish; put the person back in the
        // form, in the field the failure is about (the name after "name taken", the password…).
        busy.addListener((obs, was, now) -> {
            if (!now) {
                focusFixOrFirstField();
            }
        });
        Platform.runLater(this::focusFirstField);
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    private void showMode(Mode mode) {
        boolean host = mode == Mode.HOST;
        hostForm.setVisible(host);
        hostForm.setManaged(host);
        joinForm.setVisible(!host);
        joinForm.setManaged(!host);
    }

    private void focusFixOrFirstField() {
        StartViewModel.Field fix = vm.fixProperty().get();
        if (fix == null) {
            focusFirstField();
            return;
        }
        TextField field = switch (fix) {
            case NAME -> vm.modeProperty().get() == Mode.HOST ? hostNameField : joinNameField;
            case ROOM -> roomField;
            case PORT -> portField;
            case HOST_PASSWORD -> hostPasswordField;
            case ADDRESS -> addressField.getEditor();
            case JOIN_PASSWORD -> joinPasswordField;
        };
        field.requestFocus();
        field.selectAll();
    }

    private void focusFirstField() {
        if (vm.modeProperty().get() == Mode.HOST) {
            hostNameField.requestFocus();
        } else {
            addressField.getEditor().requestFocus();
        }
    }

    private static void bind(TextField field, FormField model, Label problem) {
        field.textProperty().bindBidirectional(model.textProperty());
        bindProblem(field, model, problem);
    }

    private static void bindProblem(TextField field, FormField model, Label problem) {
        StringBinding shown = model.shownProblem();
        problem.textProperty().bind(shown);
        problem.visibleProperty().bind(shown.isNotEmpty());
        shown.addListener((obs, old, now) ->
                field.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), !now.isEmpty()));
        field.setAccessibleHelp(null);
        problem.textProperty().addListener((obs, old, now) -> field.setAccessibleHelp(now));
    }
}
