package dev.parley.protocol;

import java.util.Locale;

/** Byte counts as a person reads them, in decimal units as file managers show them: 2.1 MB. */
public final class FileSizes {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private FileSizes() {
    }

    /** {@code 1 byte}, {@code 999 bytes}, {@code 12 KB}, {@code 2.1 MB}, {@code 150 MB}. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        String number = value < 9.95 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.0f", value);
        return number + " " + UNITS[unit];
    }
}
