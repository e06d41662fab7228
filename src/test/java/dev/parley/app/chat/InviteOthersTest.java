package dev.parley.app.chat;

import dev.parley.app.AppHarness;
import dev.parley.app.start.ConnectRequest;
import dev.parley.testing.TestTls;
import dev.parley.tls.HostCode;
import dev.parley.tls.Invite;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The host's "Invite others": the host code guests compare, and "Copy invite" with the host key in it. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class InviteOthersTest {
    private final AppHarness app = new AppHarness();

    @Start
    void start(Stage stage) {
        app.open(stage);
    }

    @AfterEach
    void tearDown() {
        onFx(app::close);
    }

    @Test
    void theHostSeesItsCodeAndCopiesAnInviteLineWithItsKey(FxRobot robot) {
        onFx(() -> app.shell.startViewModel().start(ConnectRequest.host("Carol", "Carol's room", 0, null)));
        waitUntil(() -> app.chat() != null && app.chat().hosting() && robot.lookup("#hostCode").tryQuery().isPresent());

        HostCode code = HostCode.of(TestTls.key());
        assertThat(fx(() -> robot.lookup("#hostCode").lookup(".host-code-word").queryAllAs(Label.class).stream()
                .map(Label::getText).toList())).isEqualTo(code.words());
        assertThat(fx(() -> robot.lookup("#hostCode").lookup(".host-code-digits").queryAllAs(Label.class).stream()
                .map(Label::getText).toList())).isEqualTo(java.util.List.of(code.digitsText().split(" ")));

        robot.clickOn("#copyInvite");
        String copied = fx(() -> Clipboard.getSystemClipboard().getString());
        Invite.Parsed invite = Invite.parse(copied);
        assertThat(invite.ok()).as(copied).isTrue();
        assertThat(invite.invite().key()).isEqualTo(TestTls.key());
        assertThat(invite.invite().address()).as("the first address under Invite others")
                .isEqualTo(fx(() -> robot.lookup(".join-address").queryAs(Label.class).getText()));
        assertThat(fx(() -> robot.lookup("#copyInvite").queryAs(Button.class).getText())).isEqualTo("Invite copied");
    }
}
