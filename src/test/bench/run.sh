#!/usr/bin/env bash
# Parley's benchmark harness: Parley's host against ngircd on this machine (docs/benchmarks.md).
#
#   bash src/test/bench/run.sh [options]        build, then run everything (about 75 minutes)
#   bash src/test/bench/run.sh --quick          a short smoke run (about 6 minutes)
#   bash src/test/bench/run.sh --help           every option
#   bash src/test/bench/run.sh --tls            everything over TLS 1.3 (Parley TLS-only, ngircd's [SSL]
#                                                port, a full handshake per participant); plain is the default
#   bash src/test/bench/run.sh --tls --only big --server-cpu 0,1
#                                                the TLS join storms with the server on both cores
#   ./mvnw -Pbench verify -Dbench.args="..."    the same through Maven
#
# Needs Linux, 2 or more cores, JDK 25, ngircd (installed from Debian here when missing, as
# root) and, for --tls, openssl (ngircd's key and certificate). The generator runs pinned to CPU 1, every server fresh per run pinned to CPU 0. All
# traffic stays on 127.0.0.1; every run is bounded in time and stops by itself. Results go to
# target/bench/<time>/ (summary.md, results.jsonl, machine.txt, per-run server logs).
set -euo pipefail
cd "$(dirname "$0")/../../.."

classpath=""
if [ "${1:-}" = "--classpath" ]; then
    classpath="$2"
    shift 2
fi

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
    for candidate in /usr/lib/jvm/temurin-25*; do
        [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
    done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
    echo "run.sh: needs a JDK 25; set JAVA_HOME to one." >&2
    exit 1
fi
export JAVA_HOME

if [ "$(nproc)" -lt 2 ]; then
    echo "run.sh: needs at least 2 cores (server on CPU 0, generator on CPU 1)." >&2
    exit 1
fi

# The peer: Debian's ngircd. The harness starts its own instance with its own configuration, so a
# system service is not wanted (the package may start one): stop and disable it.
if [ ! -x /usr/sbin/ngircd ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "run.sh: ngircd is missing; install it (apt-get install ngircd) and run again." >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ngircd >/dev/null
fi
if [ "$(id -u)" -eq 0 ]; then
    { systemctl disable --now ngircd || service ngircd stop || true; } >/dev/null 2>&1
fi

if [ -z "$classpath" ]; then
    ./mvnw -q -B -DskipTests package
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
    classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
fi

# 10,000 participants need 10,000 sockets in the generator and as many in the server.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt 10100 ]; then
    echo "run.sh: warning: only $(ulimit -n) open files allowed; the 10,000-client runs will fail." >&2
fi

exec taskset -c 1 "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch \
    -cp "$classpath" dev.parley.bench.Bench --java "$JAVA_HOME/bin/java" "$@"
