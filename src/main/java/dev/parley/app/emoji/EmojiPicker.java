package dev.parley.app.emoji;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The composer's emoji picker: a search field (by short name), a row of categories, recently used
 * emoji first, and a grid of emoji buttons. Keyboard: typing searches, Down goes into the grid, the
 * arrow keys move in it, Enter or Space inserts, Esc closes. Only the emoji of the open page are
 * decoded. FX thread only.
 */
public final class EmojiPicker {
    /** Shown per search; a category shows all of its emoji. */
    private static final int SEARCH_LIMIT = 64;
    private static final int RECENT_LIMIT = 24;
    private static final double CELL = 26;
    /** Used this run, most recent first; shared by the app's windows. */
    private static final List<String> RECENT = new ArrayList<>();

    private final EmojiData data;
    private final EmojiImages images;
    private final ResourceBundle bundle;
    private final Consumer<String> insert;
    private final Popup popup = new Popup();
    private final TextField search = new TextField();
    private final TilePane grid = new TilePane();
    private final Label heading = new Label();
    private final ToggleGroup tabs = new ToggleGroup();

    /** @param insert called with the chosen emoji; the picker has closed by then */
    public EmojiPicker(EmojiData data, EmojiImages images, ResourceBundle bundle, Consumer<String> insert) {
        this.data = data;
        this.images = images;
        this.bundle = bundle;
        this.insert = insert;
        build();
    }

    /** Opens above {@code anchor} with the search field focused, or closes if open. */
    public void toggle(Node anchor) {
        if (popup.isShowing()) {
            popup.hide();
            return;
        }
        search.clear();
        showCategory(RECENT.isEmpty() ? EmojiData.CATEGORIES.getFirst() : null);
        Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        VBox root = (VBox) popup.getContent().getFirst();
        root.applyCss();
        double height = root.prefHeight(-1);
        popup.show(anchor, b.getMaxX() - root.prefWidth(-1), b.getMinY() - height - 6);
        search.requestFocus();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    private void build() {
        search.setPromptText(bundle.getString("emoji.search"));
        search.getStyleClass().add("emoji-search");
        search.textProperty().addListener((obs, old, text) -> {
            if (text.isBlank()) {
                showCategory(selectedCategory());
            } else {
                heading.setText(bundle.getString("emoji.results"));
                fill(data.search(text.strip(), SEARCH_LIMIT).stream().map(EmojiData.Emoji::sequence).toList());
            }
        });
        search.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) && !grid.getChildren().isEmpty()) {
                if (e.getCode() == KeyCode.ENTER) {
                    ((Button) grid.getChildren().getFirst()).fire();
                } else {
                    grid.getChildren().getFirst().requestFocus();
                }
                e.consume();
            }
        });
        HBox categories = new HBox(2);
        categories.getStyleClass().add("emoji-categories");
        categories.getChildren().add(tab(null, "\u23F2\uFE0F", bundle.getString("emoji.recent")));
        for (String category : EmojiData.CATEGORIES) {
            String first = data.all().stream().filter(e -> e.category().equals(category)).findFirst()
                    .map(EmojiData.Emoji::sequence).orElse("?");
            categories.getChildren().add(tab(category, first, bundle.getString("emoji.category." + key(category))));
        }
        grid.getStyleClass().add("emoji-grid");
        grid.setPrefColumns(9);
        grid.setPrefTileWidth(CELL + 8);
        grid.setPrefTileHeight(CELL + 8);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(6 * (CELL + 8));
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("emoji-scroll");
        heading.getStyleClass().add("emoji-heading");
        VBox root = new VBox(6, search, categories, heading, scroll);
        root.getStyleClass().add("emoji-picker");
        root.setPrefWidth(9 * (CELL + 8) + 28);
        popup.getContent().add(root);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
    }

    private ToggleButton tab(String category, String emoji, String name) {
        ToggleButton tab = new ToggleButton();
        tab.setGraphic(images.view(emoji, 18));
        tab.setUserData(category);
        tab.setToggleGroup(tabs);
        tab.setAccessibleText(name);
        tab.setTooltip(new Tooltip(name));
        tab.getStyleClass().addAll("flat", "emoji-tab");
        tab.setOnAction(e -> {
            search.clear();
            showCategory(category);
        });
        return tab;
    }

    private String selectedCategory() {
        return tabs.getSelectedToggle() == null ? null : (String) tabs.getSelectedToggle().getUserData();
    }

    /** Shows {@code category}, or the recent ones for {@code null}. */
    private void showCategory(String category) {
        for (var toggle : tabs.getToggles()) {
            if (java.util.Objects.equals(toggle.getUserData(), category)) {
                tabs.selectToggle(toggle);
            }
        }
        if (category == null) {
            heading.setText(bundle.getString("emoji.recent"));
            fill(List.copyOf(RECENT));
        } else {
            heading.setText(bundle.getString("emoji.category." + key(category)));
            fill(data.all().stream().filter(e -> e.category().equals(category)).map(EmojiData.Emoji::sequence).toList());
        }
    }

    private void fill(List<String> sequences) {
        List<Node> buttons = new ArrayList<>(sequences.size());
        for (String sequence : sequences) {
            Button button = new Button();
            button.setGraphic(images.view(sequence, CELL));
            button.getStyleClass().addAll("flat", "emoji-cell");
            String name = data.all().stream().filter(e -> e.sequence().equals(sequence)).findFirst()
                    .map(e -> e.names().getFirst().replace('_', ' ')).orElse(sequence);
            button.setAccessibleText(name);
            button.setOnAction(e -> choose(sequence));
            buttons.add(button);
        }
        grid.getChildren().setAll(buttons);
    }

    private void choose(String sequence) {
        RECENT.remove(sequence);
        RECENT.addFirst(sequence);
        if (RECENT.size() > RECENT_LIMIT) {
            RECENT.removeLast();
        }
        popup.hide();
        insert.accept(sequence);
    }

    /** "Smileys & Emotion" to "smileys", the bundle key's last part. */
    static String key(String category) {
        return category.toLowerCase(java.util.Locale.ROOT).split("[ &]")[0];
    }
}
