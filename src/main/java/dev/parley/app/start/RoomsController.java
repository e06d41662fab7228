package dev.parley.app.start;

import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * Binds "Rooms on your network" ({@code rooms.fxml}) to its {@link RoomsViewModel}. Included in the
 * start screen, which hears picks through {@link #setOnPicked} and lends the typed address to the
 * troubleshooter through {@link #setTypedAddress}.
 */
public final class RoomsController {
    private final RoomsViewModel vm;
    private final ResourceBundle bundle;
    private ObservableStringValue typedAddress;

    @FXML private ListView<RoomRow> roomList;
    @FXML private Label emptyLabel;
    @FXML private VBox doctorPane;
    @FXML private ProgressIndicator doctorProgress;
    @FXML private Label doctorRunningLabel;
    @FXML private VBox doctorLines;
    @FXML private javafx.scene.control.Button doctorAgain;

    public RoomsController(RoomsViewModel vm, ResourceBundle bundle) {
        this.vm = vm;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        roomList.setItems(vm.rooms());
        roomList.setCellFactory(list -> {
            var cell = new RoomCell(bundle);
            cell.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !cell.isEmpty()) {
                    vm.pick(cell.getItem());
                }
            });
            return cell;
        });
        roomList.setOnKeyPressed(e -> {
            RoomRow row = roomList.getSelectionModel().getSelectedItem();
            if (row != null && (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE)) {
                vm.pick(row);
                e.consume();
            }
        });
        emptyLabel.textProperty().bind(vm.statusProperty());
        roomList.setPlaceholder(emptyLabel);

        doctorPane.setVisible(false);
        doctorPane.managedProperty().bind(doctorPane.visibleProperty());
        // The troubleshooter takes the list's place while it is open, so the Join card does not grow.
        roomList.visibleProperty().bind(doctorPane.visibleProperty().not());
        roomList.managedProperty().bind(roomList.visibleProperty());
        doctorProgress.visibleProperty().bind(vm.doctorRunningProperty());
        doctorProgress.managedProperty().bind(vm.doctorRunningProperty());
        doctorRunningLabel.visibleProperty().bind(vm.doctorRunningProperty());
        doctorRunningLabel.managedProperty().bind(vm.doctorRunningProperty());
        doctorAgain.disableProperty().bind(vm.doctorRunningProperty());
        vm.doctorLines().addListener((ListChangeListener<String>) c -> showDoctorLines());
    }

    /** Who hears "a room was picked" (address, port, key). */
    public void setOnPicked(Consumer<RoomPick> listener) {
        vm.setOnPicked(listener);
    }

    /** The Join form's address field: the troubleshooter checks that host too. */
    public void setTypedAddress(ObservableStringValue address) {
        this.typedAddress = address;
    }

    @FXML
    private void help() {
        doctorPane.setVisible(true);
        vm.runDoctor(typedAddress == null ? null : typedAddress.get());
    }

    @FXML
    private void closeDoctor() {
        doctorPane.setVisible(false);
    }

    private void showDoctorLines() {
        doctorLines.getChildren().clear();
        for (String line : vm.doctorLines()) {
            var label = new Label(line);
            label.setWrapText(true);
            label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            label.getStyleClass().add("doctor-line");
            doctorLines.getChildren().add(label);
        }
    }
}
