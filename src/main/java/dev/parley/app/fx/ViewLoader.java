package dev.parley.app.fx;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;

/** Loads an FXML view with the app's strings and a controller built by the caller, not by reflection. */
public final class ViewLoader {
    private final ResourceBundle bundle;

    public ViewLoader(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /**
     * Loads {@code fxml} (a resource path) with {@code controllers} as the controller factory, so
     * controllers get their view model and services through their constructors.
     */
    public Parent load(String fxml, Callback<Class<?>, Object> controllers) {
        var loader = new FXMLLoader(ViewLoader.class.getResource(fxml), bundle);
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    /** A controller factory for a view with included views: hands out whichever of these the view asks for. */
    public static Callback<Class<?>, Object> of(Object... controllers) {
        return type -> {
            for (Object c : controllers) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
            throw new IllegalStateException("the view asks for " + type.getName() + ", which was not given");
        };
    }

    /** A controller factory that hands out exactly this controller. */
    public static Callback<Class<?>, Object> only(Object controller) {
        return type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException("the view asks for " + type.getName()
                        + " but was given " + controller.getClass().getName());
            }
            return controller;
        };
    }
}
