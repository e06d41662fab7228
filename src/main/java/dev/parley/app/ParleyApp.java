package dev.parley.app;

import dev.parley.Version;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop application. */
public final class ParleyApp extends Application {

    @Override
    public void start(Stage stage) {
        var label = new Label("Parley " + Version.get());
        stage.setTitle("Parley");
        stage.setScene(new Scene(new StackPane(label), 480, 320));
        stage.show();
    }
}
