package dev.parley.app.start;

import dev.parley.protocol.Limits;

import java.util.regex.Pattern;

/**
 * What a person typed or pasted as the host to join: {@code host}, {@code host:port},
 * {@code [v6]:port}, {@code [v6]} or a bare IPv6 literal such as {@code ::1}; also a pasted link
 * ({@code http://127.0.0.1:7781/}) read as its address, and the invite line
 * {@code parley://HOST:PORT/#<64 hex digits>}, whose host key is kept in {@link Parsed#hostKey()}.
 *
 * @param host the host name or address, an IPv6 literal without brackets
 * @param port the port, {@link Limits#DEFAULT_PORT} when none was typed
 */
public record HostAddress(String host, int port) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-_.]*[A-Za-z0-9])?\\.?");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?");
    private static final Pattern SCHEME = Pattern.compile("(?i)(parley|https?)://");
    private static final Pattern HOST_KEY = Pattern.compile("[0-9a-fA-F]{64}");

    /** Why a typed address cannot be used. */
    public enum Problem { EMPTY, BAD_HOST, BAD_PORT, BAD_KEY }

    /**
     * The parse result: an address or the reason there is none.
     *
     * @param hostKey the host key of an invite line (64 lowercase hex digits), else {@code null}
     */
    public record Parsed(HostAddress address, Problem problem, String hostKey) {
        public Parsed(HostAddress address, Problem problem) {
            this(address, problem, null);
        }
    }

    public static Parsed parse(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.isEmpty()) {
            return new Parsed(null, Problem.EMPTY);
        }
        var scheme = SCHEME.matcher(s);
        if (scheme.lookingAt()) {
            return parseLink(s.substring(scheme.end()), scheme.group(1).equalsIgnoreCase("parley"));
        }
        return parseAuthority(s);
    }

    /** A link without its scheme: the address up to the path, and for an invite the key after {@code #}. */
    private static Parsed parseLink(String rest, boolean invite) {
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String authority = rest.substring(0, end);
        if (invite && authority.startsWith("[")) {
            // An invite spells an IPv6 zone as a URI does (RFC 6874): fe80::1%25eth0 is zone eth0.
            authority = authority.replace("%25", "%");
        }
        Parsed address = parseAuthority(authority);
        int hash = rest.indexOf('#');
        if (address.address() == null || !invite || hash < 0) {
            return address;
        }
        String key = rest.substring(hash + 1);
        if (!HOST_KEY.matcher(key).matches()) {
            return new Parsed(null, Problem.BAD_KEY);
        }
        return new Parsed(address.address(), null, key.toLowerCase(java.util.Locale.ROOT));
    }

    private static Parsed parseAuthority(String s) {
        if (s.isEmpty()) {
            return new Parsed(null, Problem.BAD_HOST);
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return new Parsed(null, Problem.BAD_HOST);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return new Parsed(null, Problem.BAD_HOST);
                }
                port = rest.substring(1);
            }
            if (!isV6(host)) {
                return new Parsed(null, Problem.BAD_HOST);
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s;
            if (!isV6(host)) {
                return new Parsed(null, Problem.BAD_HOST);
            }
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
            if (!NAME.matcher(host).matches() || host.length() > 253) {
                return new Parsed(null, Problem.BAD_HOST);
            }
        }
        int number = Limits.DEFAULT_PORT;
        if (port != null) {
            number = parsePort(port);
            if (number < 0) {
                return new Parsed(null, Problem.BAD_PORT);
            }
        }
        return new Parsed(new HostAddress(host, number), null);
    }

    /** The port in {@code text}, or -1 unless it is a whole number from 1 to 65535. */
    public static int parsePort(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(t);
        return n >= 1 && n <= 65_535 ? n : -1;
    }

    private static boolean isV6(String host) {
        return host.contains(":") && V6.matcher(host).matches();
    }

    /** {@code host:port} with brackets around an IPv6 literal, the way a person would type it back. */
    public String display() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
