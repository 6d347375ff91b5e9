#!/usr/bin/env bash
# The one place that decides how this repository builds its native executable on a machine without GraalVM, Mandrel
# or Docker (operators build with the Mandrel builder image instead: deploy/Dockerfile.native).
#
#   deploy/native-toolchain.sh ./mvnw verify -Dnative      # run a command with the toolchain (builds, then tests it)
#   deploy/native-toolchain.sh ./mvnw package -Dnative -DskipTests
#   eval "$(deploy/native-toolchain.sh)"                   # or export its settings into this shell
#   deploy/native-toolchain.sh --check                     # can it be assembled here? (exit 3 and why, if not)
#
# What it chooses:
#   - the JDK: Temurin 25 ($SWITCHBOARD_NATIVE_JDK, default /usr/lib/jvm/temurin-25-jdk-amd64). It runs Maven and the
#     native-image builder; the code is still compiled for Java 17 (maven.compiler.release).
#   - native-image: GraalVM 25.0.4's builder jars from Maven Central on that JDK, assembled by deploy/native-image/setup.sh
#     (a copy of the shared toolchain; its README says what it is and is not) into $SWITCHBOARD_NATIVE_HOME
#     (default ~/.cache/switchboard-native-image). Assembled once (about 20 s); again only when deploy/native-image changes.
#   - GRAALVM_HOME, which Quarkus reads as quarkus.native.graalvm-home, and BUILDER_XMX (the builder's heap, default 10g;
#     the build takes about 7 minutes of two cores and 6-8 GB of memory).
# The executables it makes link Temurin's shared libraries from $SWITCHBOARD_NATIVE_HOME/nilib by absolute path: they run
# only on the machine that built them, and they do not see container memory or CPU limits. Ship the Mandrel build.
# Exit status 3: the toolchain cannot be assembled here (the reason is on stderr).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$REPO/deploy/native-image
T25=${SWITCHBOARD_NATIVE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
NE=${SWITCHBOARD_NATIVE_HOME:-$HOME/.cache/switchboard-native-image}
M2=${SWITCHBOARD_NATIVE_M2:-$HOME/.m2/repository}

unavailable() {
    echo "native toolchain unavailable: $*" >&2
    exit 3
}

check() {
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || unavailable "needs Linux on x86_64, this is $(uname -s)-$(uname -m)"
    [ -x "$T25/bin/java" ] || unavailable "no Temurin 25 JDK at $T25 (install temurin-25-jdk, or set SWITCHBOARD_NATIVE_JDK)"
    local version
    version=$("$T25/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ "$version" = "25" ] || unavailable "$T25 is Java ${version:-?}, the GraalVM 25.0.4 builder jars need Java 25"
    command -v python3 >/dev/null || unavailable "python3 is missing (it runs the native-image launcher stand-in)"
    if ! command -v gcc >/dev/null || [ ! -e /usr/include/zlib.h ]; then
        command -v apt-get >/dev/null || unavailable "gcc and zlib1g-dev are missing and apt-get is not available"
    fi
}

setup() {
    check
    local stamp
    stamp=$(cat "$SRC"/* | sha256sum | cut -c1-16)
    if [ ! -x "$NE/graalvm-home/bin/native-image" ] || [ "$(cat "$NE/.switchboard-stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "Assembling native-image (GraalVM 25.0.4 jars + $T25) in $NE ..." >&2
        if ! command -v gcc >/dev/null || [ ! -e /usr/include/zlib.h ]; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends gcc libc6-dev zlib1g-dev >&2 \
                || unavailable "could not install gcc and zlib1g-dev"
        fi
        NE=$NE M2=$M2 T25=$T25 MVN="$REPO/mvnw" bash "$SRC/setup.sh" >&2 \
            || unavailable "deploy/native-image/setup.sh failed (see above)"
        echo "$stamp" > "$NE/.switchboard-stamp"
    fi
    export JAVA_HOME=$T25
    export PATH=$T25/bin:$PATH
    export GRAALVM_HOME=$NE/graalvm-home
    export BUILDER_XMX=${BUILDER_XMX:-10g}
}

case "${1:-}" in
    --check)
        check
        echo "native toolchain: can be assembled (JDK $T25, into $NE)"
        ;;
    "")
        setup
        printf 'export JAVA_HOME=%q GRAALVM_HOME=%q BUILDER_XMX=%q PATH=%q\n' "$JAVA_HOME" "$GRAALVM_HOME" "$BUILDER_XMX" "$PATH"
        ;;
    *)
        setup
        cd "$REPO"
        exec "$@"
        ;;
esac
