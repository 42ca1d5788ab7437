# shellcheck shell=bash
# Shared by scripts/btcnoded and scripts/btcnode-cli (sourced, not run): picks a Java >= 17
# (JAVA_HOME first, else the newest JDK under /usr/lib/jvm, else `java` on PATH) and rebuilds
# node-daemon/target/btcnode-daemon.jar with Maven when it is missing or older than a pom.xml or
# a main source file. The sourcing script sets PROG (its name, for messages) before sourcing.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/node-daemon/target/btcnode-daemon.jar"
MIN_JAVA=17

die() {
    echo "$PROG: $*" >&2
    exit 1
}

# The feature version of a java binary (17, 21, 25), or 0 if it does not run.
java_major() {
    local v
    v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}') || true
    v=${v%%.*}
    [[ "$v" =~ ^[0-9]+$ ]] && [[ "$v" != 1 ]] && echo "$v" || echo 0
}

pick_java() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= MIN_JAVA )); then
        echo "$JAVA_HOME/bin/java"
        return
    fi
    local best="" best_major=0 candidate major
    for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        major=$(java_major "$candidate")
        if (( major > best_major )); then
            best=$candidate
            best_major=$major
        fi
    done
    if (( best_major >= MIN_JAVA )); then
        echo "$best"
        return
    fi
    if command -v java >/dev/null 2>&1 && (( $(java_major "$(command -v java)") >= MIN_JAVA )); then
        command -v java
        return
    fi
    die "Java $MIN_JAVA or newer is required (set JAVA_HOME)"
}

# Rebuild when the jar is missing or a pom.xml or main source is newer (test sources do not go into it).
build_if_stale() {
    local java=$1 stale=""
    if [[ ! -f "$JAR" || ! -d "$ROOT/node-daemon/target/lib" ]]; then
        stale=yes
    else
        stale=$(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target' -prune -o \
            \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$JAR" -print -quit)
    fi
    [[ -z "$stale" ]] && return 0
    command -v mvn >/dev/null 2>&1 || die "$JAR is missing or stale and mvn is not installed to build it"
    echo "$PROG: building the daemon (mvn package -pl node-daemon -am)..." >&2
    JAVA_HOME=$(cd "$(dirname "$java")/.." && pwd) \
        mvn -B -q -f "$ROOT/pom.xml" -DskipTests package -pl node-daemon -am >&2 \
        || die "the build failed"
}
