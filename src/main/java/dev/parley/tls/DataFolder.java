package dev.parley.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Parley keeps what must outlive a run (the host key, the trust store): the per-user application
 * data folder of the system, or a folder the person named ({@code serve --data DIR}).
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_DATA_HOME/parley}, else {@code ~/.local/share/parley} (XDG Base
 *       Directory specification: data, not configuration and not cache, since losing the host key
 *       changes the host's identity);</li>
 *   <li>macOS: {@code ~/Library/Application Support/Parley};</li>
 *   <li>Windows: {@code %APPDATA%\Parley} (the roaming profile: the identity follows the person).</li>
 * </ul>
 * The folder is created owner-only ({@link OwnerOnly}). Immutable; any thread, but {@link #create()}
 * touches the disk: never on the FX thread or the server's loop.
 *
 * @param path the folder
 */
public record DataFolder(Path path) {
    private static final String NAME_UNIX = "parley";
    private static final String NAME_DESKTOP = "Parley";

    /** The system's folder for the person running this process. */
    public static DataFolder standard() {
        return forSystem(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    /** The folder the person named, or the standard one when {@code override} is {@code null}. */
    public static DataFolder of(Path override) {
        return override != null ? new DataFolder(override.toAbsolutePath().normalize()) : standard();
    }

    /** The rule above for a given system, environment and home folder (testable on any system). */
    static DataFolder forSystem(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path homePath = Path.of(home);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = isAbsolute(appData) ? Path.of(appData) : homePath.resolve("AppData").resolve("Roaming");
            return new DataFolder(base.resolve(NAME_DESKTOP));
        }
        if (os.startsWith("mac")) {
            return new DataFolder(homePath.resolve("Library").resolve("Application Support").resolve(NAME_DESKTOP));
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec: a relative path in XDG_DATA_HOME is invalid and must be ignored.
        Path base = isAbsolute(xdg) ? Path.of(xdg) : homePath.resolve(".local").resolve("share");
        return new DataFolder(base.resolve(NAME_UNIX));
    }

    /** Creates the folder (and its parents) if needed and makes it owner-only. */
    public DataFolder create() throws IOException {
        OwnerOnly.createFolder(path);
        return this;
    }

    /** A file in the folder. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    private static boolean isAbsolute(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            return Path.of(value).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
