package dev.parley.app.chat;

import dev.parley.app.chat.ChatViewModel.ConnectionState;
import dev.parley.app.fx.ThemeService;
import dev.parley.app.settings.Settings;
import dev.parley.tls.HostKey;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import dev.parley.app.fx.Icons;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Binds the chat view to its {@link ChatViewModel}; the only logic here is about the view itself. */
public final class ChatController {
    private static final PseudoClass STATE_RECONNECTING = PseudoClass.getPseudoClass("reconnecting");
    private static final PseudoClass STATE_ENDED = PseudoClass.getPseudoClass("ended");
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final ChatViewModel vm;
    private final ChatFormats formats;
    private final ThemeService theme;
    private final Consumer<String> browser;
    private final Clock clock;
    private final Settings settings;
    private final List<String> joinAddresses;
    private final HostKey hostKey;
    private final Actions actions;
    /** How often the typing line and the reconnect countdown are brought up to date. */
    private static final long TICK_MILLIS = 500;
    private ScheduledExecutorService ticker;
    private ScrollFollower follower;
    private ChatLayout layout;

    @FXML private BorderPane chatRoot;
    @FXML private Label roomLabel;
    @FXML private Label stateLabel;
    @FXML private Label addressLabel;
    @FXML private HBox statusLine;
    @FXML private Menu themeMenu;
    @FXML private CheckMenuItem notifyItem;
    @FXML private CheckMenuItem soundItem;
    @FXML private HBox banner;
    @FXML private Label bannerLabel;
    @FXML private ListView<ChatItem> messages;
    @FXML private Button newMessagesButton;
    @FXML private Label typingLabel;
    @FXML private HBox composerBar;
    @FXML private TextArea composer;
    @FXML private Label composerHint;
    @FXML private Label counterLabel;
    @FXML private Button sendButton;
    @FXML private Button attachButton;
    @FXML private HBox splitBar;
    @FXML private Label splitLabel;
    @FXML private Button splitButton;
    @FXML private HBox endedBar;
    @FXML private Label endedLabel;
    @FXML private Button backButton;
    @FXML private VBox sidePanel;
    @FXML private ToggleButton panelToggle;
    @FXML private StackPane conversation;
    @FXML private VBox composerColumn;
    @FXML private Label peopleTitle;
    @FXML private Label peopleNote;
    @FXML private ListView<Person> people;
    @FXML private VBox joinBox;
    @FXML private VBox joinList;
    @FXML private VBox searchPanel;
    @FXML private javafx.scene.control.TextField searchField;
    @FXML private Label searchStatus;
    @FXML private ListView<SearchViewModel.Hit> searchResults;
    @FXML private Button searchMore;
    @FXML private javafx.scene.control.MenuItem searchItem;
    @FXML private javafx.scene.control.MenuItem exportItem;
    private SearchViewModel search;
    private dev.parley.app.files.FileChoosers fileChoosers = dev.parley.app.files.FileChoosers.REAL;
    private javafx.animation.PauseTransition searchPause;

    /**
     * What the window asks of the app around it; each runs on the FX thread.
     *
     * @param leave       asks to leave (and maybe end the chat): the menu and Ctrl+W
     * @param backToStart returns to the start screen once the chat has ended
     * @param about       shows the About dialog
     * @param quit        asks to quit the app (and maybe end the chat): Ctrl+Q
     * @param export      saves the chat's history to a file (the chat menu's "Export chat…")
     */
    public record Actions(Runnable leave, Runnable backToStart, Runnable about, Runnable quit, Runnable export) {
        public Actions(Runnable leave, Runnable backToStart, Runnable about, Runnable quit) {
            this(leave, backToStart, about, quit, () -> { });
        }
    }

    /**
     * @param settings      the chat window's remembered choices (side panel, notifications)
     * @param joinAddresses where guests can reach this host; empty unless hosting
     */
    public ChatController(ChatViewModel vm, ChatFormats formats, ThemeService theme, Settings settings,
                          Consumer<String> browser, Clock clock, List<String> joinAddresses, Actions actions) {
        this(vm, formats, theme, settings, browser, clock, joinAddresses, null, actions);
    }

    /**
     * @param hostKey this host's key when hosting over TLS: "Invite others" shows its code and copies an
     *                invite line; {@code null} otherwise
     */
    public ChatController(ChatViewModel vm, ChatFormats formats, ThemeService theme, Settings settings,
                          Consumer<String> browser, Clock clock, List<String> joinAddresses, HostKey hostKey,
                          Actions actions) {
        this.hostKey = hostKey;
        this.vm = vm;
        this.formats = formats;
        this.theme = theme;
        this.settings = settings;
        this.browser = browser;
        this.clock = clock;
        this.joinAddresses = joinAddresses;
        this.actions = actions;
    }

    /** The file dialogs (attach, Save…); the platform's by default, a test's own. Call before the view loads. */
    public void fileChoosers(dev.parley.app.files.FileChoosers choosers) {
        this.fileChoosers = choosers;
    }

    @FXML
    private void initialize() {
        theme.fillMenu(themeMenu, formats.bundle());
        // Remembered at once: the desktop notifier reads them for each notification.
        notifyItem.setSelected(settings.notifications());
        notifyItem.selectedProperty().addListener((obs, old, on) -> settings.notifications(on));
        soundItem.setSelected(settings.notificationSound());
        soundItem.selectedProperty().addListener((obs, old, on) -> settings.notificationSound(on));
        soundItem.disableProperty().bind(notifyItem.selectedProperty().not());
        roomLabel.textProperty().bind(vm.roomProperty());
        addressLabel.setText(vm.address());
        stateLabel.textProperty().bind(vm.stateTextProperty());
        vm.stateProperty().addListener((obs, old, now) -> showState(now));
        showState(vm.stateProperty().get());

        banner.visibleProperty().bind(vm.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        bannerLabel.textProperty().bind(vm.bannerProperty());

        // The list shows a window of the newest rows and pages older ones in as the person scrolls up.
        RowWindow window = new RowWindow(vm.items());
        // Before the list has its rows: the keys keep the focused row through changes (see ChatKeys).
        new ChatKeys(chatRoot, messages, window.rows(), composer, () -> follower.personScrolled(), vm::retry,
                actions.leave(), actions.quit(), this::openSearch);
        messages.setItems(window.rows());
        Label empty = new Label(formats.text(vm.hosting() ? "chat.empty.host" : "chat.empty.guest"));
        empty.getStyleClass().add("empty-chat");
        empty.setWrapText(true);
        messages.setPlaceholder(empty);
        messages.setCellFactory(list -> new MessageCell(list, formats, browser, vm::retry,
                () -> vm.history().gapWanted()));
        messages.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e) && messages.getFocusModel().getFocusedItem() instanceof ChatItem.Message m) {
                ClipboardContent content = new ClipboardContent();
                content.putString(m.text());
                Clipboard.getSystemClipboard().setContent(content);
                e.consume();
            }
        });
        new dev.parley.app.files.FileControls(vm.files(), formats.bundle(), fileChoosers, browser, theme::attach,
                task -> Thread.ofVirtual().name("parley-file-io").start(task), Platform::runLater)
                .install(conversation, messages, composer, attachButton);
        attachButton.setTooltip(new Tooltip(formats.text("files.attach.tooltip")));
        attachButton.disableProperty().bind(vm.stateProperty().isEqualTo(ConnectionState.ENDED));
        follower = new ScrollFollower(messages, window);
        follower.onTopReached(() -> vm.history().olderWanted());
        setUpSearch();
        newMessagesButton.visibleProperty().bind(follower.unseenProperty().greaterThan(0));
        newMessagesButton.managedProperty().bind(newMessagesButton.visibleProperty());
        newMessagesButton.textProperty().bind(Bindings.createStringBinding(
                () -> java.text.MessageFormat.format(formats.text("chat.newMessages"), follower.unseenProperty().get()),
                follower.unseenProperty()));

        typingLabel.textProperty().bind(vm.typingTextProperty());

        composer.textProperty().bindBidirectional(vm.draftProperty());
        // Like the chat apps people know: the placeholder stays while the composer has focus, until they type.
        composerHint.visibleProperty().bind(composer.textProperty().isEmpty());
        dev.parley.app.text.ComposerGuard.install(composer);
        dev.parley.app.emoji.EmojiComposer.attach(composer, (Button) composerBar.lookup("#emojiButton"), formats.bundle());
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        new ComposerSizer(composer);
        counterLabel.textProperty().bind(vm.counterTextProperty());
        counterLabel.visibleProperty().bind(vm.counterTextProperty().isNotEmpty());
        counterLabel.managedProperty().bind(counterLabel.visibleProperty());
        vm.overLimitProperty().addListener((obs, old, over) ->
                counterLabel.pseudoClassStateChanged(PseudoClass.getPseudoClass("over"), over));
        sendButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canSendProperty().getValue(),
                vm.canSendProperty()));
        sendButton.setTooltip(new Tooltip(formats.text("chat.send.tooltip")));
        splitLabel.textProperty().bind(vm.splitTextProperty());
        splitButton.textProperty().bind(vm.splitActionProperty());
        splitBar.visibleProperty().bind(vm.splitTextProperty().isNotEmpty());
        splitBar.managedProperty().bind(splitBar.visibleProperty());

        endedLabel.textProperty().bind(vm.endedTextProperty());

        peopleTitle.textProperty().bind(vm.peopleTitleProperty());
        peopleNote.textProperty().bind(vm.peopleNoteProperty());
        peopleNote.visibleProperty().bind(vm.peopleNoteProperty().isNotEmpty());
        peopleNote.managedProperty().bind(peopleNote.visibleProperty());
        people.setItems(vm.people());
        people.setCellFactory(list -> new PersonCell(formats));
        people.setFocusTraversable(false);

        layout = new ChatLayout(chatRoot, conversation, messages, new Region[] {typingLabel, composerColumn},
                sidePanel, panelToggle, settings, formats);

        boolean inviting = !joinAddresses.isEmpty() || hostKey != null;
        joinBox.setVisible(inviting);
        joinBox.setManaged(inviting);
        for (String address : joinAddresses) {
            joinList.getChildren().add(joinRow(address));
        }
        if (hostKey != null) {
            joinBox.getChildren().add(new InvitePanel(hostKey, joinAddresses, formats.bundle()).node());
        }

        // Not a Timeline: a running animation keeps JavaFX pulsing 60 times a second even in an idle
        // chat. A plain timer hands the view model the time; nothing redraws unless a text changes.
        ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("parley-chat-ticker").daemon(true).factory());
        ticker.scheduleWithFixedDelay(() -> Platform.runLater(() -> vm.refresh(clock.instant())),
                TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        Platform.runLater(composer::requestFocus);
    }

    private void setUpSearch() {
        search = vm.search();
        searchResults.setItems(search.hits());
        searchResults.setCellFactory(list -> new SearchHitCell(formats));
        searchResults.setPlaceholder(new Label());
        searchStatus.textProperty().bind(search.statusProperty());
        searchStatus.visibleProperty().bind(search.statusProperty().isNotEmpty());
        searchStatus.managedProperty().bind(searchStatus.visibleProperty());
        searchMore.visibleProperty().bind(search.moreProperty());
        searchMore.managedProperty().bind(searchMore.visibleProperty());
        searchField.textProperty().bindBidirectional(search.queryProperty());
        // Search as the person types, once they pause; Enter searches at once.
        searchPause = new javafx.animation.PauseTransition(javafx.util.Duration.millis(350));
        searchPause.setOnFinished(e -> search.search());
        searchField.textProperty().addListener((obs, old, now) -> searchPause.playFromStart());
        searchField.setOnAction(e -> {
            searchPause.stop();
            search.search();
        });
        searchPanel.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                closeSearch();
            }
        });
        searchResults.setOnMouseClicked(e -> jumpToHit(searchResults.getSelectionModel().getSelectedItem()));
        searchResults.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                jumpToHit(searchResults.getSelectionModel().getSelectedItem());
            }
        });
    }

    /** Ctrl+F and the menu: shows the search card with the words selected, ready to type. */
    @FXML
    private void openSearch() {
        searchPanel.setVisible(true);
        searchPanel.setManaged(true);
        searchField.requestFocus();
        searchField.selectAll();
    }

    @FXML
    private void closeSearch() {
        searchPause.stop();
        searchPanel.setVisible(false);
        searchPanel.setManaged(false);
        messages.getProperties().remove(MessageCell.FOUND_KEY);
        messages.refresh();
        composer.requestFocus();
    }

    @FXML
    private void searchMore() {
        search.loadMore();
    }

    @FXML
    private void exportChat() {
        actions.export().run();
    }

    /** Shows the message of a hit in its context, loading the history around it when needed. */
    private void jumpToHit(SearchViewModel.Hit hit) {
        if (hit == null) {
            return;
        }
        vm.history().jumpTo(hit.seq(), index -> {
            ChatItem row = vm.items().get(index);
            messages.getProperties().put(MessageCell.FOUND_KEY, row.key());
            follower.show(index);
            messages.refresh();
        });
    }

    /** Shows or hides the side panel, as its toggle in the header does. FX thread. */
    public void sidePanelShown(boolean shown) {
        layout.chosen(shown);
    }

    /** Stops the view's timers; called when the window leaves this chat. */
    public void dispose() {
        ticker.shutdownNow();
        vm.files().stopAll();
        if (searchPause != null) {
            searchPause.stop();
        }
    }

    private void composerKey(KeyEvent e) {
        if (e.getCode() != KeyCode.ENTER) {
            return;
        }
        e.consume();
        if (e.isShiftDown()) {
            composer.replaceSelection("\n");
        } else {
            send();
        }
    }

    @FXML
    private void send() {
        if (vm.send()) {
            follower.toBottom();
        }
        composer.requestFocus();
    }

    @FXML
    private void sendSplit() {
        if (vm.sendSplit()) {
            follower.toBottom();
        }
        composer.requestFocus();
    }

    @FXML
    private void reconnectNow() {
        vm.reconnectNow();
        composer.requestFocus();
    }

    @FXML
    private void jumpToNewest() {
        follower.toBottom();
        composer.requestFocus();
    }

    @FXML
    private void leave() {
        actions.leave().run();
    }

    @FXML
    private void backToStart() {
        actions.backToStart().run();
    }

    @FXML
    private void about() {
        actions.about().run();
    }

    private void showState(ConnectionState state) {
        statusLine.pseudoClassStateChanged(STATE_RECONNECTING, state == ConnectionState.RECONNECTING);
        statusLine.pseudoClassStateChanged(STATE_ENDED, state == ConnectionState.ENDED);
        // While reconnecting the people list is what it was; show that it may be out of date.
        sidePanel.pseudoClassStateChanged(STATE_RECONNECTING, state == ConnectionState.RECONNECTING);
        boolean ended = state == ConnectionState.ENDED;
        composerBar.setVisible(!ended);
        composerBar.setManaged(!ended);
        endedBar.setVisible(ended);
        endedBar.setManaged(ended);
        if (ended) {
            Platform.runLater(backButton::requestFocus);
        }
    }

    private HBox joinRow(String address) {
        Label text = new Label(address);
        text.getStyleClass().add("join-address");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copy = new Button(null, new FontIcon(Icons.COPY));
        copy.getStyleClass().addAll("flat", "button-icon", "copy-address");
        copy.setAccessibleText(java.text.MessageFormat.format(formats.text("chat.join.copy"), address));
        copy.setTooltip(new Tooltip(formats.text("chat.join.copyTip")));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(address);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setGraphic(new FontIcon(Icons.COPIED));
        });
        HBox row = new HBox(6, text, spacer, copy);
        row.getStyleClass().add("join-row");
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }
}
