package dev.parley.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair: two computers on one wire, made for real with
 * iproute2 (root needed). Names are unique per run; {@link #close} deletes both namespaces, which
 * takes the veth pair with them.
 */
final class NamespacePair implements AutoCloseable {
    static final String ADDRESS_A = "10.77.0.1";
    static final String ADDRESS_B = "10.77.0.2";

    final String a;
    final String b;
    private final List<String> made = new ArrayList<>();

    private NamespacePair(String prefix) {
        this.a = prefix + "a";
        this.b = prefix + "b";
    }

    /** Makes the pair, or fails with a sentence saying why it cannot (never a silent skip). */
    static NamespacePair create() {
        String why = cannotCreateWhy();
        if (why != null) {
            throw new AssertionError("The discovery test needs two network namespaces and cannot make them: " + why
                    + ". Run the tests as root with iproute2 installed (CI's .ci/run installs it).");
        }
        byte[] id = new byte[3];
        new SecureRandom().nextBytes(id);
        var pair = new NamespacePair("pd" + HexFormat.of().formatHex(id));
        try {
            pair.setUp();
            return pair;
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw new AssertionError("The discovery test could not set up its network namespaces: " + e.getMessage(), e);
        }
    }

    private static String cannotCreateWhy() {
        if (ip() == null) {
            return "the ip command (iproute2) is not installed";
        }
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return uid.equals("0") ? null : "the tests do not run as root (uid " + uid + ")";
        } catch (IOException e) {
            return "cannot tell the user id (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String ip() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, "ip"))) {
                return Path.of(dir, "ip").toString();
            }
        }
        return null;
    }

    /** The path of a binary such as {@code nft}, or {@code null} when it is not installed. */
    static String binary(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    private void setUp() throws IOException {
        String ip = ip();
        run(ip, "netns", "add", a);
        made.add(a);
        run(ip, "netns", "add", b);
        made.add(b);
        String vethA = a + "v";
        String vethB = b + "v";
        run(ip, "link", "add", vethA, "type", "veth", "peer", "name", vethB);
        run(ip, "link", "set", vethA, "netns", a);
        run(ip, "link", "set", vethB, "netns", b);
        run(ip, "-n", a, "addr", "add", ADDRESS_A + "/24", "brd", "+", "dev", vethA);
        run(ip, "-n", b, "addr", "add", ADDRESS_B + "/24", "brd", "+", "dev", vethB);
        for (String[] end : new String[][] {{a, vethA}, {b, vethB}}) {
            run(ip, "-n", end[0], "link", "set", "lo", "up");
            run(ip, "-n", end[0], "link", "set", end[1], "up", "multicast", "on");
        }
    }

    /** {@code command} run inside namespace {@code ns}, not started yet. */
    static ProcessBuilder in(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of(ip(), "netns", "exec", ns));
        full.addAll(command);
        return new ProcessBuilder(full);
    }

    /** Runs {@code command} to its end and fails with its output when it fails. */
    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    @Override
    public void close() {
        for (String ns : made) {
            try {
                run(ip(), "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
            }
        }
        made.clear();
    }
}
