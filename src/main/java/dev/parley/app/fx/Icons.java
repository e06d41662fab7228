package dev.parley.app.fx;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The icons code picks at run time, chosen here in one place; icons fixed in a view are Ikonli
 * literals ({@code fth-…}) in its FXML.
 */
public final class Icons {
    public static final Ikon SENDING = Feather.CLOCK;
    public static final Ikon DELIVERED = Feather.CHECK;
    public static final Ikon FAILED = Feather.ALERT_CIRCLE;
    public static final Ikon COPY = Feather.COPY;
    public static final Ikon COPIED = Feather.CHECK;
    public static final Ikon LINK = Feather.LINK;
    public static final Ikon LEAVE = Feather.LOG_OUT;
    /** The first-use prompt about a host's key. */
    public static final Ikon TRUST = Feather.SHIELD;
    /** The warning about a host whose key changed. */
    public static final Ikon WARNING = Feather.ALERT_TRIANGLE;

    private Icons() {
    }
}
