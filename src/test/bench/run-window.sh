#!/usr/bin/env bash
# The window benchmark of issue 5: the real chat view under message floods and a 100,000-message
# room being scrolled (dev.parley.app.bench.WindowBench). Results and how to read them:
# docs/benchmarks-window.md.
#
#   src/test/bench/run-window.sh [--headless] [WindowBench options: --quick, --reps N, --room-reps N,
#                                 --warmup N, --room N, --jump-steps N, --wheel-steps N, --no-pulses]
#
# Builds the test classes, then runs the benchmark in a real window: on $DISPLAY if it is set,
# else on an Xvfb it starts (and stops) itself. --headless uses JavaFX 26's headless glass
# platform instead (software rendering into memory, no X server); label those figures as such.
#
# JVM flags: the installed app runs with exactly --enable-native-access=javafx.graphics (baked into
# its runtime image, see jlink/jlink.args) and no heap or GC options. Here the app and JavaFX are on
# the class path, in the unnamed module, so the same grant is spelled --enable-native-access=ALL-UNNAMED.
# JAVA_OPTS adds flags for a profiling run, e.g. JAVA_OPTS=-XX:StartFlightRecording:filename=w.jfr
set -euo pipefail
cd "$(dirname "$0")/../../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

headless=false
if [[ "${1:-}" == "--headless" ]]; then
    headless=true
    shift
fi

./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-window.classpath

flags=(--enable-native-access=ALL-UNNAMED)
if $headless; then
    flags+=(-Dglass.platform=Headless -Dprism.order=sw)
elif [[ -z "${DISPLAY:-}" ]]; then
    display=:97
    while [[ -e /tmp/.X11-unix/X${display#:} ]]; do
        display=:$(( ${display#:} + 1 ))
    done
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill $xvfb 2>/dev/null || true' EXIT
    for _ in $(seq 50); do
        [[ -e /tmp/.X11-unix/X${display#:} ]] && break
        sleep 0.1
    done
    export DISPLAY=$display
    flags+=(-Dbench.xserver.pid=$xvfb)
fi

echo "uptime before: $(uptime)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
"$JAVA_HOME/bin/java" "${flags[@]}" ${JAVA_OPTS:-} \
    -cp "target/test-classes:target/classes:$(cat target/bench-window.classpath)" \
    dev.parley.app.bench.WindowBench "$@"
echo "uptime after: $(uptime)"
