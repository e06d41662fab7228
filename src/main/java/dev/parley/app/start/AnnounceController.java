package dev.parley.app.start;

import dev.parley.app.settings.Settings;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;

/** The host form's "Announce this room on the network" ({@code announce.fxml}): on by default, remembered. */
public final class AnnounceController {
    private final Settings settings;

    @FXML private CheckBox announceBox;

    public AnnounceController(Settings settings) {
        this.settings = settings;
    }

    @FXML
    private void initialize() {
        announceBox.setSelected(settings.announce());
        announceBox.selectedProperty().addListener((obs, was, now) -> settings.announce(now));
    }
}
