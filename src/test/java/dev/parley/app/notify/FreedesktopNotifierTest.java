package dev.parley.app.notify;

import dev.parley.app.fx.DesktopNotifier;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linux desktop notifications against a real D-Bus session bus (a dbus-daemon of the test's own),
 * with a stand-in notification service on it that owns {@code org.freedesktop.Notifications} and
 * records each {@code Notify} call, as the desktop's would receive it.
 */
@Timeout(60)
class FreedesktopNotifierTest {
    /** One Notify call as the service saw it. */
    record Call(String appName, long replacesId, String icon, String summary, String body, List<String> actions,
                Map<String, Variant<?>> hints, int timeout) {
    }

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger(40);
    private SessionBus bus;
    private DBusConnection serviceSide;
    private FreedesktopNotifier notifier;

    @BeforeEach
    void startBusAndService() throws Exception {
        bus = SessionBus.start();
        serviceSide = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
        serviceSide.requestBusName(Notifications.BUS_NAME);
        serviceSide.exportObject(Notifications.PATH, new Notifications() {
            @Override
            public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                                 List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
                calls.add(new Call(appName, replacesId.longValue(), appIcon, summary, body, actions, hints,
                        expireTimeout));
                return new UInt32(ids.incrementAndGet());
            }

            @Override
            public String getObjectPath() {
                return Notifications.PATH;
            }
        });
        notifier = new FreedesktopNotifier(bus.address());
    }

    @AfterEach
    void stop() throws Exception {
        if (notifier != null) {
            notifier.close();
        }
        if (serviceSide != null) {
            serviceSide.disconnect();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void aNotificationReachesTheDesktopServiceWithRoomSenderAndADefaultAction() throws Exception {
        notifier.show("Alice in Team room", "lunch at one?", true, () -> { });
        Call call = calls.poll(20, TimeUnit.SECONDS);
        assertNotNull(call, "the notification service got a Notify call");
        assertEquals("Parley", call.appName());
        assertEquals("Alice in Team room", call.summary());
        assertEquals("lunch at one?", call.body());
        assertEquals(0, call.replacesId());
        assertTrue(call.actions().contains("default"), "clicking it is an action: " + call.actions());
        assertEquals("dev.parley.Parley", call.hints().get("desktop-entry").getValue());
        assertEquals("message-new-instant", call.hints().get("sound-name").getValue());
        assertFalse(call.hints().containsKey("suppress-sound"));
    }

    @Test
    void mutedNotificationsAskTheDesktopToStaySilent() throws Exception {
        notifier.show("Bob in Team room", "psst", false, () -> { });
        Call call = calls.poll(20, TimeUnit.SECONDS);
        assertNotNull(call);
        assertEquals(Boolean.TRUE, call.hints().get("suppress-sound").getValue());
        assertFalse(call.hints().containsKey("sound-name"));
    }

    @Test
    void clickingTheNotificationRunsItsAction() throws Exception {
        CountDownLatch clicked = new CountDownLatch(1);
        notifier.show("Alice in Team room", "hi", true, clicked::countDown);
        assertNotNull(calls.poll(20, TimeUnit.SECONDS));
        // What the desktop sends when the person clicks the notification it was given (id 41). The
        // notifier learns the id from Notify's reply, which may reach it after the service saw the
        // call: click again until it has, as a person would.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    serviceSide.sendMessage(new Notifications.ActionInvoked(Notifications.PATH, new UInt32(41), "default"));
                    return clicked.await(100, TimeUnit.MILLISECONDS);
                });
    }

    @Test
    void theChatMenusSettingsTurnNotificationsOffAndMuteThem() throws Exception {
        Settings settings = new Settings(new MemoryStore());
        var desktop = new DesktopNotifier(notifier, settings, Runnable::run);
        var window = desktop.forWindow(null);
        settings.notifications(false);
        window.newMessages("Alice in Team room", "not shown");
        settings.notifications(true);
        settings.notificationSound(false);
        window.newMessages("Alice in Team room", "shown, quietly");
        Call call = calls.poll(20, TimeUnit.SECONDS);
        assertNotNull(call);
        assertEquals("shown, quietly", call.body(), "nothing was sent while notifications were off");
        assertEquals(Boolean.TRUE, call.hints().get("suppress-sound").getValue());
    }

    @Test
    void withoutANotificationServiceNothingBreaks() throws Exception {
        serviceSide.releaseBusName(Notifications.BUS_NAME);
        notifier.show("Alice in Team room", "nobody listens", true, () -> { });
        notifier.show("Alice in Team room", "still nobody", true, () -> { });
        // The calls fail on the notifier's own thread and are logged; the caller never sees them.
        assertEquals(null, calls.poll(2, TimeUnit.SECONDS));
    }
}
