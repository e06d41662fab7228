package dev.parley.app;

import org.awaitility.Awaitility;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reading and waiting on FX state from a test thread. */
public final class FxTest {
    private FxTest() {
    }

    /** Evaluates {@code read} on the FX thread and returns its value. */
    public static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    public static void onFx(Runnable action) {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits (up to 15 s) until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitUntil(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> fx(condition));
    }
}
