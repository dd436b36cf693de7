# Sourced by ./influxdb3, ./run-tests and .ci/run: sets JAVA_HOME to a JDK of version 21 or newer.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm and /opt.
java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1
}
is_jdk21() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    local v
    v=$(java_major "$1")
    [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}
find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then
        return 0
    fi
    if command -v javac >/dev/null 2>&1; then
        local home
        home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        if is_jdk21 "$home"; then
            JAVA_HOME=$home
            export JAVA_HOME
            return 0
        fi
    fi
    local best="" best_v=0 d v
    # INFLUXDB3_JDK_SEARCH_DIRS (space-separated globs) replaces the default places, e.g. for tests.
    for d in ${INFLUXDB3_JDK_SEARCH_DIRS-/usr/lib/jvm/* /opt/java/* /opt/jdk* /opt/*jdk*}; do
        [ -d "$d" ] || continue
        is_jdk21 "$d" || continue
        v=$(java_major "$d")
        if [ "$v" -gt "$best_v" ]; then
            best=$d
            best_v=$v
        fi
    done
    if [ -n "$best" ]; then
        JAVA_HOME=$best
        export JAVA_HOME
        return 0
    fi
    echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME, the java on PATH, /usr/lib/jvm and /opt)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    return 1
}
