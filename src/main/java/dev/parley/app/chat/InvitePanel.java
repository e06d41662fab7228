package dev.parley.app.chat;

import dev.parley.app.fx.HostCodeView;
import dev.parley.app.fx.Icons;
import dev.parley.tls.HostCode;
import dev.parley.tls.HostKey;
import dev.parley.tls.Invite;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.ResourceBundle;

/**
 * The host's half of trust under "Invite others": the host code guests compare when they join for the
 * first time, and "Copy invite", which copies {@code parley://ADDRESS:PORT/#<host key>} for the first of
 * this computer's addresses, so a guest who pastes it into Join needs no prompt. FX thread.
 */
final class InvitePanel {
    private final HostKey key;
    private final List<String> addresses;
    private final ResourceBundle bundle;

    /** @param addresses where guests reach this host ({@code host:port}, IPv6 in brackets), best first */
    InvitePanel(HostKey key, List<String> addresses, ResourceBundle bundle) {
        this.key = key;
        this.addresses = addresses;
        this.bundle = bundle;
    }

    /** The invite line for {@code address} ({@code host:port} as {@code LanAddresses} gives it). */
    static String inviteLine(String address, HostKey key) {
        return Invite.PREFIX + address + "/#" + key.hex();
    }

    Node node() {
        HostCode code = HostCode.of(key);
        Label title = new Label(bundle.getString("chat.invite.codeTitle"));
        title.getStyleClass().add("side-title");
        Label hint = new Label(bundle.getString("chat.invite.codeHint"));
        hint.getStyleClass().add("side-hint");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Node codeView = HostCodeView.of(code);
        codeView.setId("hostCode");
        Button copy = new Button(bundle.getString("chat.invite.copy"), new FontIcon(Icons.COPY));
        copy.setId("copyInvite");
        copy.getStyleClass().addAll("small", "copy-invite");
        copy.setMaxWidth(Double.MAX_VALUE);
        copy.setTooltip(new Tooltip(bundle.getString("chat.invite.copyTip")));
        copy.setDisable(addresses.isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(inviteLine(addresses.getFirst(), key));
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(bundle.getString("chat.invite.copied"));
            copy.setGraphic(new FontIcon(Icons.COPIED));
        });
        VBox box = new VBox(4, title, hint, codeView, copy);
        box.getStyleClass().add("invite-panel");
        return box;
    }
}
