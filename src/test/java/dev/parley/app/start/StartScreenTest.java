package dev.parley.app.start;

import dev.parley.app.AppHarness;
import dev.parley.testing.TestTls;
import dev.parley.app.ScriptedConnectors;
import dev.parley.client.Problem;
import dev.parley.protocol.ErrorCode;
import dev.parley.client.ChatClient;
import dev.parley.client.ClientConfig;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class StartScreenTest {
    private final AppHarness app = new AppHarness();
    private final ScriptedConnectors connectors = new ScriptedConnectors();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @Start
    void start(Stage stage) {
        app.settings.name("Bob");
        app.connectors = connectors;
        app.open(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        onFx(app::close);
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    private RoomServer server(String room) throws IOException {
        var server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom(room, null))).start();
        closeLater.add(server);
        return server;
    }

    private void replaceText(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    private String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private boolean startDisabled(FxRobot robot) {
        return fx(() -> robot.lookup("#startButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void emptyNameShowsASentenceUnderTheFieldAndDisablesStartHosting(FxRobot robot) {
        assertFalse(startDisabled(robot), "a prefilled form can start at once");
        replaceText(robot, "#hostNameField", "");
        assertEquals("Type the name others will see.", text(robot, "#hostNameProblem"));
        assertTrue(startDisabled(robot));

        robot.write("Carol");
        assertEquals("", text(robot, "#hostNameProblem"));
        assertFalse(startDisabled(robot));
        assertEquals("Carol's room", fx(() -> robot.lookup("#roomField").queryAs(TextField.class).getText()),
                "the room name follows the host's name until edited");
    }

    @Test
    void portOutsideTheRangeIsRefusedAsYouType(FxRobot robot) {
        replaceText(robot, "#portField", "70000");
        assertEquals("The port is a number from 1 to 65535.", text(robot, "#portProblem"));
        assertTrue(startDisabled(robot));
    }

    @Test
    void joinNeedsAnAddressThatLooksLikeOne(FxRobot robot) {
        robot.clickOn("#joinCard");
        assertTrue(startDisabled(robot), "no address yet");
        robot.clickOn("#addressField").write("not an address");
        assertEquals("That does not look like an address: try 192.168.1.20, name.local:7770 or [::1]:7770.",
                text(robot, "#addressProblem"));
        assertTrue(startDisabled(robot));
        replaceText(robot, "#addressField .text-field", "[::1]:7770");
        assertEquals("", text(robot, "#addressProblem"));
        assertFalse(startDisabled(robot));
    }

    @Test
    void hostingOpensTheChatWindowForTheNewRoom(FxRobot robot) throws IOException {
        replaceText(robot, "#hostNameField", "Carol");
        replaceText(robot, "#portField", "7781");
        robot.clickOn("#startButton");

        waitUntil(() -> robot.lookup("#roomLabel").tryQuery().isPresent()
                && "Carol's room".equals(robot.lookup("#roomLabel").queryAs(Label.class).getText()));
        assertTrue(fx(() -> app.chat().hosting()));
        waitUntil(() -> app.chat().people().size() == 1 && app.chat().people().getFirst().host());
        assertTrue(fx(() -> robot.lookup(".join-address").queryAs(Label.class).getText().startsWith("192.0.2.7:")),
                "the host sees where others can join");
    }

    @Test
    void joiningARunningRoomOpensItsChatAndRemembersTheHost(FxRobot robot) throws IOException {
        var server = server("Test room");
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:" + server.port());
        robot.clickOn("#startButton");

        waitUntil(() -> robot.lookup("#roomLabel").tryQuery().isPresent()
                && "Test room".equals(robot.lookup("#roomLabel").queryAs(Label.class).getText()));
        assertEquals(List.of("127.0.0.1:" + server.port()), app.settings.recentHosts());
        assertEquals(Boolean.FALSE, fx(() -> app.chat().hosting()));
    }

    @Test
    void failedJoinShowsTheSentenceInPlaceAndKeepsWhatWasTyped(FxRobot robot) throws IOException {
        int closed = 9;
        connectors.refuseJoin = new Problem.NobodyHosting("127.0.0.1:" + closed);
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:" + closed);
        robot.clickOn("#startButton");

        waitUntil(() -> !robot.lookup("#failureLabel").queryAs(Label.class).getText().isEmpty());
        assertEquals("Nobody is hosting at 127.0.0.1:" + closed + " — check the address and that the host is running.",
                text(robot, "#failureLabel"));
        assertEquals("127.0.0.1:" + closed,
                fx(() -> robot.lookup("#addressField").queryAs(ComboBox.class).getEditor().getText()));
        assertEquals("Bob", fx(() -> robot.lookup("#joinNameField").queryAs(TextField.class).getText()));
        assertFalse(startDisabled(robot), "the person can try again at once");
    }

    @Test
    void aSlowConnectShowsProgressAndCanBeCancelledKeepingTheForm(FxRobot robot) throws IOException {
        var silent = new ServerSocket(0);
        closeLater.add(silent);
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:" + silent.getLocalPort());
        robot.clickOn("#startButton");

        waitUntil(() -> robot.lookup("#progress").query().isVisible());
        assertTrue(startDisabled(robot), "one attempt at a time");
        assertEquals("Connecting…", text(robot, "#progressLabel"));
        robot.clickOn("#cancelButton");

        waitUntil(() -> !robot.lookup("#progress").query().isVisible());
        assertFalse(startDisabled(robot));
        assertEquals("127.0.0.1:" + silent.getLocalPort(),
                fx(() -> robot.lookup("#addressField").queryAs(ComboBox.class).getEditor().getText()));
        assertEquals("", text(robot, "#failureLabel"), "cancelling is not a failure");
    }

    @Test
    void closingTheWindowRemembersItsSizeAndPlace() {
        onFx(() -> {
            app.shell.stage().setWidth(900);
            app.shell.stage().setHeight(650);
        });
        onFx(app::close);
        var geometry = app.settings.geometry().orElseThrow();
        assertEquals(900, geometry.width());
        assertEquals(650, geometry.height());
    }

    @Test
    void choosingDarkSwapsThePaletteOnTheWindow() {
        assertFalse(fx(() -> app.shell.stage().getScene().getRoot().getPseudoClassStates().toString().contains("dark")));
        onFx(() -> app.theme().choiceProperty().set(dev.parley.app.settings.Settings.ThemeChoice.DARK));
        assertTrue(fx(() -> app.shell.stage().getScene().getRoot().getPseudoClassStates().toString().contains("dark")));
        assertEquals(dev.parley.app.settings.Settings.ThemeChoice.DARK, app.settings.theme(), "the choice is remembered");
    }

    @Test
    void settingsMenuOffersAboutAndTheWindowCarriesTheAppIcon(FxRobot robot) {
        robot.clickOn(".logo-text").clickOn(robot.lookup(".menu-button").<javafx.scene.Node>query());
        robot.clickOn("About Parley");
        waitUntil(() -> app.aboutShown == 1);
        assertFalse(fx(() -> app.shell.stage().getIcons().isEmpty()), "the desktop shows Parley's icon, not Java's");
    }

    @Test
    void takenNameIsRefusedWithASentence(FxRobot robot) throws Exception {
        var server = server("Busy room");
        var other = TestTls.client(ClientConfig.of("127.0.0.1", server.port(), "bob"));
        other.connect();
        closeLater.addFirst(other);
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:" + server.port());
        robot.clickOn("#startButton");

        waitUntil(() -> !robot.lookup("#failureLabel").queryAs(Label.class).getText().isEmpty());
        assertEquals("The name Bob is taken in this room.", text(robot, "#failureLabel"));
    }

    @Test
    void hostingAsksForThePortTypedAndTellsWhenItIsTaken(FxRobot robot) {
        connectors.failHost = new java.net.BindException("Address already in use");
        replaceText(robot, "#portField", "7781");
        robot.clickOn("#startButton");

        waitUntil(() -> !robot.lookup("#failureLabel").queryAs(Label.class).getText().isEmpty());
        assertEquals(7781, connectors.hosted.getLast().port());
        assertEquals("Port 7781 is in use on this computer — pick another port or close the program using it.",
                text(robot, "#failureLabel"));
        waitUntil(() -> robot.lookup("#portField").query().isFocused());
    }

    @Test
    void aStaleFailureGoesAwayOnceTheAddressChanges(FxRobot robot) {
        connectors.refuseJoin = new Problem.NobodyHosting("127.0.0.1:9");
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:9");
        robot.clickOn("#startButton");
        waitUntil(() -> !robot.lookup("#failureLabel").queryAs(Label.class).getText().isEmpty());
        waitUntil(() -> robot.lookup("#addressField .text-field").query().isFocused());

        robot.write("8");
        waitUntil(() -> !robot.lookup("#failureBox").query().isVisible());
        assertEquals("", text(robot, "#failureLabel"));
    }

    @Test
    void afterNameTakenTheFocusGoesToTheName(FxRobot robot) {
        connectors.refuseJoin = new Problem.Refused(ErrorCode.NICK_TAKEN, "Bob", false, "in use");
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:7770");
        robot.clickOn("#startButton");

        waitUntil(() -> "The name Bob is taken in this room.".equals(
                robot.lookup("#failureLabel").queryAs(Label.class).getText()));
        waitUntil(() -> robot.lookup("#joinNameField").query().isFocused());
        robot.write("Bobby");
        assertEquals("Bobby", fx(() -> robot.lookup("#joinNameField").queryAs(TextField.class).getText()),
                "the old name is selected, so typing replaces it");
    }

    @Test
    void afterPasswordNeededTheFocusGoesToThePassword(FxRobot robot) {
        connectors.refuseJoin = new Problem.Refused(ErrorCode.BAD_PASSWORD, "Bob", false, null);
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:7770");
        robot.clickOn("#startButton");

        waitUntil(() -> "This room needs a password.".equals(
                robot.lookup("#failureLabel").queryAs(Label.class).getText()));
        waitUntil(() -> robot.lookup("#joinPasswordField").query().isFocused());
    }

    @Test
    void thePastedLinkOfAHostIsReadAsItsAddress(FxRobot robot) {
        connectors.refuseJoin = new Problem.NobodyHosting("127.0.0.1:7781");
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("http://127.0.0.1:7781/");
        assertEquals("", text(robot, "#addressProblem"));
        assertFalse(startDisabled(robot));
        robot.clickOn("#startButton");
        waitUntil(() -> !connectors.joined.isEmpty());
        assertEquals("127.0.0.1", connectors.joined.getLast().host());
        assertEquals(7781, connectors.joined.getLast().port());

        replaceText(robot, "#addressField .text-field", "parley://192.168.1.20:7770/#" + "ab".repeat(32));
        assertEquals("", text(robot, "#addressProblem"), "the invite line of a host is an address too");
    }

    @Test
    void aFieldProblemKeepsAGapBeforeTheNextLabel(FxRobot robot) {
        replaceText(robot, "#hostNameField", "");
        assertFalse(text(robot, "#hostNameProblem").isEmpty());
        // Between the drawn text of the problem and of the label below it, not their boxes.
        double gap = fx(() -> {
            var problem = robot.lookup("#hostNameProblem").query().lookup(".text");
            var nextLabel = robot.lookup("#roomField").query().getParent().getChildrenUnmodifiable().getFirst()
                    .lookup(".text");
            return nextLabel.localToScene(nextLabel.getBoundsInLocal()).getMinY()
                    - problem.localToScene(problem.getBoundsInLocal()).getMaxY();
        });
        assertTrue(gap >= 8, "the problem's text sits " + gap + " px above the next label's");
    }

    @Test
    void theFormStaysPutWhenAFailureAppears(FxRobot robot) {
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:7770");
        double before = fx(() -> robot.lookup(".form-card").query().localToScene(0, 0).getY());
        connectors.refuseJoin = new Problem.NobodyHosting("127.0.0.1:7770");
        robot.clickOn("#startButton");
        waitUntil(() -> robot.lookup("#failureBox").query().isVisible());
        double after = fx(() -> robot.lookup(".form-card").query().localToScene(0, 0).getY());
        assertEquals(before, after, 0.5, "the form moved when the failure appeared");
    }
}
