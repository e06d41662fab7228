package dev.parley.app.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.parley.app.settings.Settings;
import dev.parley.app.settings.Settings.ThemeChoice;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

import java.util.ResourceBundle;

/**
 * Light or dark: AtlantaFX Primer as the user-agent stylesheet, plus a {@code :dark} pseudo-class on
 * each scene root that swaps Parley's own palette. Follows the OS colour scheme unless the person
 * picked one. FX thread only.
 */
public final class ThemeService {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String APP_CSS = ThemeService.class.getResource("/dev/parley/app/parley.css").toExternalForm();

    private final Settings settings;
    private final ObjectProperty<ThemeChoice> choice;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();

    public ThemeService(Settings settings) {
        this.settings = settings;
        this.choice = new SimpleObjectProperty<>(settings.theme());
        choice.addListener((obs, old, now) -> {
            settings.theme(now);
            apply();
        });
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, now) -> apply());
        apply();
    }

    public ObjectProperty<ThemeChoice> choiceProperty() {
        return choice;
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /**
     * Styles {@code scene} now and whenever its root or the theme changes. The service holds the scene
     * only weakly, so a dialog's scene can go once the dialog has.
     */
    public void attach(Scene scene) {
        scene.getStylesheets().add(APP_CSS);
        scene.rootProperty().addListener((obs, old, root) -> mark(root));
        ChangeListener<Boolean> follow = (obs, old, now) -> mark(scene.getRoot());
        scene.getProperties().put(ThemeService.class, follow);
        dark.addListener(new WeakChangeListener<>(follow));
        mark(scene.getRoot());
    }

    /**
     * Fills {@code menu} with System / Light / Dark choices bound to this service. The service outlives
     * the views: it holds their items only weakly, so a view it filled a menu for can be collected.
     */
    public void fillMenu(Menu menu, ResourceBundle bundle) {
        ToggleGroup group = new ToggleGroup();
        for (ThemeChoice c : ThemeChoice.values()) {
            RadioMenuItem item = new RadioMenuItem(bundle.getString("theme." + c.name().toLowerCase(java.util.Locale.ROOT)));
            item.setToggleGroup(group);
            item.setSelected(choice.get() == c);
            item.setOnAction(e -> choice.set(c));
            ChangeListener<ThemeChoice> follow = (obs, old, now) -> item.setSelected(now == c);
            // The item keeps its listener alive; the service's property only points at it weakly.
            item.getProperties().put(ChangeListener.class, follow);
            choice.addListener(new WeakChangeListener<>(follow));
            menu.getItems().add(item);
        }
    }

    private void apply() {
        boolean isDark = switch (choice.get()) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        Application.setUserAgentStylesheet(isDark
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        dark.set(isDark);
    }

    private void mark(Parent root) {
        if (root != null) {
            root.pseudoClassStateChanged(DARK, dark.get());
        }
    }
}
