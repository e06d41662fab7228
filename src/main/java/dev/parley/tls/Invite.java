package dev.parley.tls;

import dev.parley.protocol.Limits;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An invite line, {@code parley://ADDRESS:PORT/#<host key>}: where the host is and which key it must
 * show, so a guest who pastes it into Join connects without a trust prompt. The host's "Invite others"
 * copies exactly {@link #toString()}. ADDRESS is a host name, an IPv4 address, or an IPv6 address in
 * brackets (a zone as {@code %25eth0}, as RFC 6874 spells it; a bare {@code %eth0} is read too); the port
 * may be left out ({@value Limits#DEFAULT_PORT}). Parsing is strict: no user info, query, path or
 * anything after the key, at most {@value #MAX_LENGTH} characters, so a hostile line cannot smuggle in
 * more than an address and a key. Immutable; any thread.
 *
 * @param host a host name or address; an IPv6 literal without brackets, its zone after a plain {@code %}
 * @param port 1–65535
 * @param key the key the host must present
 */
public record Invite(String host, int port, HostKey key) {
    /** The scheme, with its separator. */
    public static final String PREFIX = "parley://";
    /** Longest invite line read: a 253-character name, a port and a key fit with room to spare. */
    public static final int MAX_LENGTH = 400;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-_.]*[A-Za-z0-9])?\\.?");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

    /** Why a line is not a usable invite. */
    public enum Problem { NOT_AN_INVITE, TOO_LONG, BAD_HOST, BAD_PORT, NO_KEY, BAD_KEY, EXTRA_PARTS }

    /** A parse result: an invite, or the reason there is none. */
    public record Parsed(Invite invite, Problem problem) {
        public boolean ok() {
            return invite != null;
        }
    }

    public Invite {
        if (host == null || host.isEmpty() || !(isV6(host) || isName(host))) {
            throw new IllegalArgumentException("not a host name or address: " + host);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (key == null) {
            throw new IllegalArgumentException("an invite needs the host key");
        }
    }

    /** Whether {@code text} is meant as an invite (starts with {@code parley://}) rather than an address. */
    public static boolean looksLikeInvite(String text) {
        return text != null && text.strip().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    public static Parsed parse(String text) {
        if (!looksLikeInvite(text)) {
            return failed(Problem.NOT_AN_INVITE);
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            return failed(Problem.TOO_LONG);
        }
        String rest = s.substring(PREFIX.length());
        int hash = rest.indexOf('#');
        if (hash < 0) {
            return failed(Problem.NO_KEY);
        }
        String authority = rest.substring(0, hash);
        String fragment = rest.substring(hash + 1);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.contains("/") || authority.contains("?") || authority.contains("@")) {
            return failed(Problem.EXTRA_PARTS);
        }
        if (fragment.isEmpty()) {
            return failed(Problem.NO_KEY);
        }
        if (fragment.length() != HostKey.HEX_LENGTH || !fragment.chars().allMatch(Invite::isHexDigit)) {
            return failed(Problem.BAD_KEY);
        }
        HostKey key = new HostKey(fragment.toLowerCase(Locale.ROOT));
        return parseAuthority(authority, key);
    }

    private static Parsed parseAuthority(String authority, HostKey key) {
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return failed(Problem.BAD_HOST);
            }
            host = unzone(authority.substring(1, close));
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return failed(Problem.BAD_HOST);
                }
                port = after.substring(1);
            }
            if (host == null || !isV6(host)) {
                return failed(Problem.BAD_HOST);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (!isName(host)) {
                return failed(Problem.BAD_HOST);
            }
        }
        int number = Limits.DEFAULT_PORT;
        if (port != null) {
            if (!DIGITS.matcher(port).matches()) {
                return failed(Problem.BAD_PORT);
            }
            number = Integer.parseInt(port);
            if (number < 1 || number > 65_535) {
                return failed(Problem.BAD_PORT);
            }
        }
        return new Parsed(new Invite(host, number, key), null);
    }

    /** {@code fe80::1%25eth0} or {@code fe80::1%eth0} to {@code fe80::1%eth0}; {@code null} for a bad zone. */
    private static String unzone(String bracketed) {
        int percent = bracketed.indexOf('%');
        if (percent < 0) {
            return bracketed;
        }
        String zone = bracketed.substring(percent + 1);
        if (zone.startsWith("25")) {
            zone = zone.substring(2);
        }
        return ZONE.matcher(zone).matches() ? bracketed.substring(0, percent) + "%" + zone : null;
    }

    private static boolean isV6(String host) {
        int percent = host.indexOf('%');
        String address = percent < 0 ? host : host.substring(0, percent);
        return address.indexOf(':') >= 0 && V6.matcher(address).matches()
                && (percent < 0 || ZONE.matcher(host.substring(percent + 1)).matches());
    }

    private static boolean isName(String host) {
        return host.length() <= 253 && NAME.matcher(host).matches();
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static Parsed failed(Problem problem) {
        return new Parsed(null, problem);
    }

    /** {@code host:port} as a person types it, an IPv6 literal in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The invite line: {@code parley://192.168.1.20:7770/#<64 hex digits>}. */
    @Override
    public String toString() {
        String shown = host.indexOf(':') >= 0 ? "[" + host.replace("%", "%25") + "]" : host;
        return PREFIX + shown + ":" + port + "/#" + key.hex();
    }
}
