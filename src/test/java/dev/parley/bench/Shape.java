package dev.parley.bench;

/** The load shapes of a fan-out run. */
enum Shape {
    /** Every sender keeps a window of messages in flight: as fast as the server goes. */
    CLOSED("closed-loop saturation", LoadGenerator.Mode.CLOSED),
    /** A fixed total of about 20,000 deliveries a second. */
    LIGHT("light open loop", LoadGenerator.Mode.OPEN),
    /** A fixed total of about 200,000 deliveries a second. */
    HEAVY("heavy open loop", LoadGenerator.Mode.OPEN);

    final String title;
    final LoadGenerator.Mode mode;

    Shape(String title, LoadGenerator.Mode mode) {
        this.title = title;
        this.mode = mode;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
