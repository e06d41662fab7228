package dev.parley.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class RoomListTest {
    private static final String KEY = "ab".repeat(32);
    private final TestClock clock = new TestClock();
    private final RoomList list = new RoomList(clock, Duration.ofSeconds(90), 200);

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static Datagram.Announcement room(String name, int port) {
        return new Datagram.Announcement("i1", name, port, null, false, 1);
    }

    @Test
    void aRoomLeavesTheListNinetySecondsAfterItsLastAnnouncement() {
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        clock.advance(Duration.ofSeconds(60));
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        clock.advance(Duration.ofSeconds(89));
        assertThat(list.snapshot()).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(list.snapshot()).isEmpty();
    }

    @Test
    void expiringTellsTheListeners() {
        List<List<DiscoveredRoom>> heard = new CopyOnWriteArrayList<>();
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        list.addListener(heard::add);
        clock.advance(Duration.ofSeconds(91));
        list.expire();
        assertThat(heard).containsExactly(List.of());
    }

    @Test
    void theAddressIsThePacketsSourceAndEachSourcePortAndKeyIsItsOwnEntry() {
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        list.offer(ip("192.168.1.21"), room("Team room", 7770));
        list.offer(ip("192.168.1.20"), room("Team room", 7771));
        list.offer(ip("192.168.1.20"), new Datagram.Announcement("i1", "Team room", 7770, KEY, false, 1));
        list.offer(ip("192.168.1.20"), room("Team room renamed", 7770));
        assertThat(list.snapshot()).extracting(DiscoveredRoom::display, DiscoveredRoom::hostKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("192.168.1.20:7770", null),
                        org.assertj.core.groups.Tuple.tuple("192.168.1.21:7770", null),
                        org.assertj.core.groups.Tuple.tuple("192.168.1.20:7771", null),
                        org.assertj.core.groups.Tuple.tuple("192.168.1.20:7770", KEY));
        assertThat(list.get(new DiscoveredRoom.Key(ip("192.168.1.20"), 7770, null)).room()).isEqualTo("Team room renamed");
    }

    @Test
    void theListHoldsAtMostItsCapAndKeepsRefreshingThoseItHas() {
        var small = new RoomList(clock, Duration.ofSeconds(90), 200);
        for (int i = 0; i < 200; i++) {
            assertThat(small.offer(ip("10.0." + (i / 250) + "." + (i % 250 + 1)), room("r" + i, 7770)))
                    .isEqualTo(RoomList.Outcome.ADDED);
        }
        assertThat(small.offer(ip("10.9.9.9"), room("one too many", 7770))).isEqualTo(RoomList.Outcome.FULL);
        assertThat(small.snapshot()).hasSize(200).noneMatch(r -> r.room().equals("one too many"));
        assertThat(small.offer(ip("10.0.0.1"), room("r0", 7770))).isEqualTo(RoomList.Outcome.REFRESHED);
        clock.advance(Duration.ofSeconds(91));
        assertThat(small.offer(ip("10.9.9.9"), room("one too many", 7770))).isEqualTo(RoomList.Outcome.ADDED);
    }

    @Test
    void aNewRoomIsBeingCheckedUntilTheCheckSaysOtherwise() {
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        var key = new DiscoveredRoom.Key(ip("192.168.1.20"), 7770, null);
        assertThat(list.get(key).reachability()).isEqualTo(Reachability.CHECKING);
        var refused = new Reachability.Unreachable(Reachability.Reason.REFUSED, "Connection refused");
        list.reachability(key, refused);
        assertThat(list.get(key).reachability()).isEqualTo(refused);
        assertThat(list.get(key).checkedAt()).isEqualTo(clock.instant());
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        assertThat(list.get(key).reachability()).as("a refresh keeps the last check").isEqualTo(refused);
    }

    @Test
    void listenersHearChangesButNotAnUnchangedRefresh() {
        List<List<DiscoveredRoom>> heard = new CopyOnWriteArrayList<>();
        list.addListener(heard::add);
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        list.offer(ip("192.168.1.20"), new Datagram.Announcement("i1", "Team room", 7770, null, false, 2));
        assertThat(heard).hasSize(2);
        assertThat(heard.getLast().getFirst().people()).isEqualTo(2);
    }

    @Test
    void onePerHostKeepsTheReachableIpv4EntryOfAHostHeardTwice() {
        list.offer(ip("fe80::1"), room("Team room", 7770));
        list.offer(ip("192.168.1.20"), room("Team room", 7770));
        list.offer(ip("192.168.1.30"), new Datagram.Announcement("other", "Team room", 7770, null, false, 1));
        List<DiscoveredRoom> hosts = RoomList.onePerHost(list.snapshot());
        assertThat(hosts).extracting(DiscoveredRoom::display).containsExactly("192.168.1.20:7770", "192.168.1.30:7770");
        list.reachability(new DiscoveredRoom.Key(ip("fe80::1"), 7770, null), Reachability.REACHABLE);
        assertThat(RoomList.onePerHost(list.snapshot())).extracting(DiscoveredRoom::display)
                .containsExactlyInAnyOrder("[fe80::1]:7770", "192.168.1.30:7770");
    }
}
