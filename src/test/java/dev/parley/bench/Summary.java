package dev.parley.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns {@code results.jsonl} into the tables of {@code docs/benchmarks.md}: per row the median of
 * the repetitions and their range. Of a run repeated because it was disturbed, only its last try
 * counts. Can be run alone on an earlier results file: {@code Summary results.jsonl summary.md}.
 */
final class Summary {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Path.of(args[1]), "", null);
    }

    static void write(Path results, Path target, String machine, Bench bench) throws IOException {
        Map<String, JsonNode> fanout = new LinkedHashMap<>();
        Map<String, JsonNode> big = new LinkedHashMap<>();
        List<JsonNode> disk = new ArrayList<>();
        List<JsonNode> restarts = new ArrayList<>();
        if (Files.exists(results)) {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode saved = JSON.readTree(line);
                JsonNode run = saved.get("run");
                String kind = saved.get("kind").asString();
                if ("disk".equals(kind)) {
                    disk.add(run);
                    continue;
                }
                if ("restart".equals(kind)) {
                    restarts.add(run);
                    continue;
                }
                String server = run.get("server").asString();
                if ("big".equals(kind)) {
                    big.put(run.get("clients").asInt() + "/" + run.get("concurrency").asInt() + "/" + server + "/"
                            + run.get("rep").asInt(), run);
                } else {
                    fanout.put(run.get("clients").asInt() + "/" + run.get("shape").asString() + "/" + server
                            + "/" + run.get("rep").asInt(), run);
                }
            }
        }
        var md = new StringBuilder();
        md.append("# Benchmark summary\n\n```\n").append(machine.strip()).append("\n```\n\n");
        if (bench != null) {
            md.append("Settings: ").append(bench.settings()).append(".\n\n");
        }
        md.append("Each cell: median of the repetitions [min–max]. CPU in cores (1.00 = one core busy); ")
                .append("\"other\" is CPU used by every other process during the measured window.\n\n");
        fanoutTable(md, fanout);
        historyTables(md, fanout, disk, restarts);
        bigTable(md, big);
        Files.writeString(target, md.toString(), StandardCharsets.UTF_8);
    }

    private static void fanoutTable(StringBuilder md, Map<String, JsonNode> runs) {
        if (runs.isEmpty()) {
            return;
        }
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode run : runs.values()) {
            String key = run.get("clients").asInt() + "/" + run.get("shape").asString() + "/"
                    + run.get("server").asString();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
        }
        md.append("## Fan-out\n\n")
                .append("Medians over the valid runs (no connection lost, every message delivered); a row whose runs all")
                .append(" failed says why.\n\n")
                .append("| N | shape | server | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | idle RSS MB | bytes/conn"
                        + " | CPU server | CPU gen | CPU other | runs ok/disturbed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : groups.entrySet()) {
            List<JsonNode> all = e.getValue();
            List<JsonNode> g = all.stream().filter(r -> r.get("valid").asBoolean()).toList();
            JsonNode first = all.getFirst();
            md.append("| ").append(first.get("clients").asInt()).append(" | ").append(first.get("shape").asString())
                    .append(" | ").append(first.get("server").asString());
            if (g.isEmpty()) {
                md.append(" | failed: ").append(first.get("problem").asString().replace('|', '/'))
                        .append(" | | | | | | | | | ");
            } else {
                md.append(" | ").append(range(g, r -> r.get("deliveriesPerSecond").asDouble(), "%,.0f"))
                        .append(" | ").append(range(g, r -> r.get("p50Ms").asDouble(), "%.2f"))
                        .append(" | ").append(range(g, r -> r.get("p99Ms").asDouble(), "%.2f"))
                        .append(" | ").append(range(g, r -> r.get("p999Ms").asDouble(), "%.2f"))
                        .append(" | ").append(median(g, r -> r.get("maxMs").asDouble(), "%.1f"))
                        .append(" | ").append(median(g, r -> r.get("rssIdleBytes").asDouble() / 1e6, "%.1f"))
                        .append(" | ").append(median(g, r -> r.get("bytesPerConnection").asDouble(), "%,.0f"))
                        .append(" | ").append(median(g, r -> r.get("serverCpu").asDouble(), "%.2f"))
                        .append(" | ").append(median(g, r -> r.get("generatorCpu").asDouble(), "%.2f"))
                        .append(" | ").append(median(g, r -> r.get("otherCpu").asDouble(), "%.2f"));
            }
            md.append(" | ").append(g.size()).append("/")
                    .append(all.stream().filter(r -> r.get("disturbed").asBoolean()).count()).append(" of ")
                    .append(all.size()).append(" |\n");
        }
        md.append("\n### Parley ÷ ngircd (medians)\n\n")
                .append("| N | shape | deliveries/s ratio | p99 ratio (< 1: Parley faster) |\n|---|---|---|---|\n");
        for (var e : groups.entrySet()) {
            if (!e.getKey().endsWith("/parley")) {
                continue;
            }
            List<JsonNode> peer = valid(groups.get(e.getKey().replaceAll("/parley$", "/ngircd")));
            List<JsonNode> p = valid(e.getValue());
            if (peer.isEmpty() || p.isEmpty()) {
                JsonNode first = e.getValue().getFirst();
                md.append("| ").append(first.get("clients").asInt()).append(" | ").append(first.get("shape").asString())
                        .append(" | n/a (").append(p.isEmpty() ? "Parley" : "ngircd").append(" failed) | n/a |\n");
                continue;
            }
            JsonNode first = p.getFirst();
            md.append("| ").append(first.get("clients").asInt()).append(" | ").append(first.get("shape").asString())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f×",
                            med(p, r -> r.get("deliveriesPerSecond").asDouble())
                                    / med(peer, r -> r.get("deliveriesPerSecond").asDouble())))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f×",
                            med(p, r -> r.get("p99Ms").asDouble()) / med(peer, r -> r.get("p99Ms").asDouble())))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /**
     * The history on disk: what it costs the fan-out against the history in memory, what it writes,
     * and how long a restart of a big room takes.
     */
    private static void historyTables(StringBuilder md, Map<String, JsonNode> fanout, List<JsonNode> disk,
                                      List<JsonNode> restarts) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode run : fanout.values()) {
            groups.computeIfAbsent(run.get("clients").asInt() + "/" + run.get("shape").asString() + "/"
                    + run.get("server").asString(), k -> new ArrayList<>()).add(run);
        }
        boolean any = groups.keySet().stream().anyMatch(k -> k.endsWith("/parley-sqlite"));
        if (any) {
            md.append("## History on disk (SQLite, group commit) against in memory\n\n")
                    .append("| N | shape | deliveries/s on disk ÷ in memory | p99 on disk ÷ in memory | p99 on disk ÷ ngircd"
                            + " | written MB/s (median) | database bytes after the run |\n|---|---|---|---|---|---|---|\n");
            for (var e : groups.entrySet()) {
                if (!e.getKey().endsWith("/parley-sqlite")) {
                    continue;
                }
                String base = e.getKey().replaceAll("/parley-sqlite$", "");
                List<JsonNode> d = valid(e.getValue());
                List<JsonNode> m = valid(groups.get(base + "/parley"));
                List<JsonNode> n = valid(groups.get(base + "/ngircd"));
                JsonNode first = e.getValue().getFirst();
                List<JsonNode> written = disk.stream().filter(x -> x.get("clients").asInt() == first.get("clients").asInt()
                        && x.get("shape").asString().equals(first.get("shape").asString())).toList();
                md.append("| ").append(first.get("clients").asInt()).append(" | ").append(first.get("shape").asString())
                        .append(" | ").append(ratio(d, m, "deliveriesPerSecond"))
                        .append(" | ").append(ratio(d, m, "p99Ms"))
                        .append(" | ").append(ratio(d, n, "p99Ms"))
                        .append(" | ").append(written.isEmpty() ? "n/a"
                                : median(written, x -> x.get("writeBytesPerSecond").asDouble() / 1e6, "%.2f"))
                        .append(" | ").append(written.isEmpty() ? "n/a"
                                : median(written, x -> x.get("databaseBytes").asDouble(), "%,.0f"))
                        .append(" |\n");
            }
            md.append('\n');
        }
        for (JsonNode r : restarts) {
            long events = r.get("events").asLong();
            md.append("## Restart of a room with ").append(String.format(Locale.ROOT, "%,d", events))
                    .append(" events\n\n")
                    .append(String.format(Locale.ROOT, "Database: %,d bytes (%.0f MB per million events), built in %.1f s.%n%n",
                            r.get("databaseBytes").asLong(), r.get("databaseBytes").asDouble() * 1e6 / events / 1e6,
                            r.get("buildSeconds").asDouble()))
                    .append("| start | ms to listening (median [min–max]) | of which opening the history |\n|---|---|---|\n")
                    .append("| after a clean stop | ").append(msRange(r.get("cleanMs"))).append(" | ")
                    .append(msRange(r.get("cleanOpenMs"))).append(" |\n")
                    .append("| after SIGKILL | ").append(msRange(r.get("crashMs"))).append(" | ")
                    .append(msRange(r.get("crashOpenMs"))).append(" |\n\n");
        }
    }

    private static String ratio(List<JsonNode> a, List<JsonNode> b, String field) {
        if (a.isEmpty() || b.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f×", med(a, r -> r.get(field).asDouble()) / med(b, r -> r.get(field).asDouble()));
    }

    private static String msRange(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        Arrays.sort(v);
        if (v.length == 0) {
            return "n/a";
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.0f [%.0f–%.0f]", median, v[0], v[v.length - 1]);
    }

    private static void bigTable(StringBuilder md, Map<String, JsonNode> runs) {
        if (runs.isEmpty()) {
            return;
        }
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode run : runs.values()) {
            groups.computeIfAbsent(run.get("clients").asInt() + "/" + run.get("concurrency").asInt() + "/"
                    + run.get("server").asString(), k -> new ArrayList<>()).add(run);
        }
        md.append("## Join storm, then the room held idle\n\n")
                .append("| server | N | joining at once | in (median) | all in s | all joins seen s | peak RSS MB | idle RSS MB | bytes/conn | pings/conn"
                        + " in hold | open after hold | probe reached | storm CPU server / gen / other"
                        + " | listen drops | runs ok/disturbed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : groups.entrySet()) {
            List<JsonNode> g = e.getValue();
            JsonNode first = g.getFirst();
            int n = first.get("clients").asInt();
            md.append("| ").append(first.get("server").asString()).append(" | ").append(n)
                    .append(" | ").append(first.get("concurrency").asInt())
                    .append(" | ").append(median(g, r -> r.get("joined").asDouble(), "%.0f"))
                    .append(" | ").append(range(g, r -> r.get("allInSeconds").asDouble(), "%.2f"))
                    .append(" | ").append(range(g, r -> r.get("settledSeconds").asDouble(), "%.2f"))
                    .append(" | ").append(range(g, r -> r.get("peakRssBytes").asDouble() / 1e6, "%.0f"))
                    .append(" | ").append(range(g, r -> r.get("rssIdleBytes").asDouble() / 1e6, "%.0f"))
                    .append(" | ").append(range(g, r -> r.get("bytesPerConnection").asDouble(), "%,.0f"))
                    .append(" | ").append(median(g, r -> r.get("pings").asDouble() / n, "%.1f"))
                    .append(" | ").append(median(g, r -> r.get("openAfterHold").asDouble(), "%.0f"))
                    .append(" | ").append(median(g, r -> r.get("probeReceivers").asDouble(), "%.0f"))
                    .append(" | ").append(median(g, r -> r.get("stormServerCpu").asDouble(), "%.2f")).append(" / ")
                    .append(median(g, r -> r.get("stormGeneratorCpu").asDouble(), "%.2f")).append(" / ")
                    .append(median(g, r -> r.get("stormOtherCpu").asDouble(), "%.2f"))
                    .append(" | ").append(median(g, r -> r.get("listenDrops").asDouble(), "%.0f"))
                    .append(" | ").append(g.stream().filter(r -> r.get("valid").asBoolean()).count()).append("/")
                    .append(g.stream().filter(r -> r.get("disturbed").asBoolean()).count()).append(" of ")
                    .append(g.size()).append(" |\n");
        }
        md.append("\n\"all in\" is -1 when the storm did not finish within its bound; \"in\" then says how many made it. ")
                .append("bytes/conn = (idle RSS - RSS before connecting) / open connections.\n\n");
        marginal(md, groups);
    }

    /** Memory per extra connection between the smallest and the largest room (fixed costs cancel out). */
    private static void marginal(StringBuilder md, Map<String, List<JsonNode>> groups) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (List<JsonNode> g : groups.values()) {
            JsonNode first = g.getFirst();
            points.computeIfAbsent(first.get("server").asString() + "/" + first.get("concurrency").asInt(),
                    k -> new ArrayList<>()).add(new double[] {med(g, r -> r.get("openAfterHold").asDouble()),
                    med(g, r -> r.get("rssIdleBytes").asDouble())});
        }
        for (var e : points.entrySet()) {
            List<double[]> p = e.getValue();
            if (p.size() < 2) {
                continue;
            }
            p.sort((x, y) -> Double.compare(x[0], y[0]));
            double[] lo = p.getFirst();
            double[] hi = p.getLast();
            if (hi[0] > lo[0]) {
                md.append(String.format(Locale.ROOT, "- %s: %,.0f bytes per extra idle connection from %,.0f to %,.0f open%n",
                        e.getKey().replaceAll("/.*", ""), (hi[1] - lo[1]) / (hi[0] - lo[0]), lo[0], hi[0]));
            }
        }
        md.append('\n');
    }

    private static List<JsonNode> valid(List<JsonNode> runs) {
        return runs == null ? List.of() : runs.stream().filter(r -> r.get("valid").asBoolean()).toList();
    }

    private static double med(List<JsonNode> runs, ToDoubleFunction<JsonNode> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String median(List<JsonNode> runs, ToDoubleFunction<JsonNode> f, String format) {
        return String.format(Locale.ROOT, format, med(runs, f));
    }

    private static String range(List<JsonNode> runs, ToDoubleFunction<JsonNode> f, String format) {
        double[] v = runs.stream().mapToDouble(f).toArray();
        if (v.length == 1) {
            return String.format(Locale.ROOT, format, v[0]);
        }
        return String.format(Locale.ROOT, format + " [" + format + "–" + format + "]", med(runs, f),
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0));
    }
}
