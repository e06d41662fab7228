package dev.parley.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The host's log lines as the operator would see them: the {@code dev.parley.server} records of
 * INFO and above (tests log only warnings otherwise), each message formatted as the host formats
 * it. Captured between {@link #start()} and {@link #stop()}, not echoed to the console.
 */
final class LogCapture {
    private final Logger logger = Logger.getLogger("dev.parley.server");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                lines.add(formatter.formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;
    private boolean parentsBefore;

    LogCapture start() {
        levelBefore = logger.getLevel();
        parentsBefore = logger.getUseParentHandlers();
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        return this;
    }

    void stop() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentsBefore);
        logger.setLevel(levelBefore);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> linesWith(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }
}
