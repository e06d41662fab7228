package dev.parley.app;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(ApplicationExtension.class)
class HeadlessSmokeTest {
    private Button button;

    @Start
    void start(Stage stage) {
        button = new Button("Click", new FontIcon(Feather.SEND));
        button.setOnAction(e -> button.setText("Clicked"));
        stage.setScene(new Scene(new StackPane(button), 200, 100));
        stage.show();
    }

    @Test
    void clickingAButtonRunsItsAction(FxRobot robot) {
        robot.clickOn(button);
        assertEquals("Clicked", button.getText());
    }
}
