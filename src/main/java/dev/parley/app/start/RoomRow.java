package dev.parley.app.start;

import dev.parley.discovery.DiscoveredRoom;

/**
 * One line of "Rooms on your network", ready to show: every text is a finished sentence.
 *
 * @param room       what was heard
 * @param hostName   the host's name from reverse DNS, or its address while there is none
 * @param people     "3 people"
 * @param locked     whether joining asks for a password
 * @param trusted    whether the host key is one this person already trusts
 * @param reachable  whether a TCP connection to it worked
 * @param status     why it is not reachable, "Checking…", or empty
 */
public record RoomRow(DiscoveredRoom room, String hostName, String people, boolean locked, boolean trusted,
                      boolean reachable, String status) {

    public String name() {
        return room.room();
    }
}
