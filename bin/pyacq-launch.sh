# shellcheck shell=sh
# Shared by bin/pyacq and bin/pyacqd (sourced, POSIX sh): finds or builds the application jar,
# picks the java command and start-up options, and runs a main class.
#   PYACQ_HOME   the application directory (set by the caller)
#   JAVA_HOME    the JDK to use (else `java` on PATH)
#   JAVA_OPTS    extra JVM options
#   PYACQ_LOG_CONFIG  a logback file applied on top of pyacq's logging (default: conf/logback.xml);
#                an empty value applies none. -Dlogback.configurationFile=FILE in JAVA_OPTS replaces
#                pyacq's logging entirely.
#
# Shell completion: mvn package writes target/completion/pyacq (installed as
# /etc/bash_completion.d/pyacq in the Docker image); or run: source <(pyacq completion)

pyacq_die() {
    echo "pyacq: $*" >&2
    exit 1
}

# The runnable jar: lib/pyacq.jar in an installed copy, target/pyacq.jar in a source checkout
# (built with Maven when missing or older than the sources).
pyacq_jar() {
    if [ -f "$PYACQ_HOME/lib/pyacq.jar" ] && [ ! -f "$PYACQ_HOME/pom.xml" ]; then
        echo "$PYACQ_HOME/lib/pyacq.jar"
        return
    fi
    jar="$PYACQ_HOME/target/pyacq.jar"
    [ -f "$PYACQ_HOME/pom.xml" ] || pyacq_die "no application jar in $PYACQ_HOME/lib and no pom.xml to build one"
    if [ ! -f "$jar" ] || [ -n "$(find "$PYACQ_HOME/pom.xml" "$PYACQ_HOME/src/main" -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
        command -v mvn >/dev/null 2>&1 || pyacq_die "Maven (mvn) is needed to build pyacq on first use; install it or set PATH"
        echo "pyacq: building the application with Maven (first use, or the sources changed)..." >&2
        mkdir -p "$PYACQ_HOME/target"
        if command -v flock >/dev/null 2>&1; then
            # another launcher may be building: wait for it, then build only if still needed
            # shellcheck disable=SC2016
            flock "$PYACQ_HOME/target/.build.lock" sh -c '
                if [ ! -f "$1" ] || [ -n "$(find "$2/pom.xml" "$2/src/main" -newer "$1" -print 2>/dev/null | head -n 1)" ]; then
                    cd "$2" && mvn -q -B -ntp -DskipTests package
                fi' sh "$jar" "$PYACQ_HOME" >&2 || pyacq_die "the build failed (see the Maven output above)"
        else
            (cd "$PYACQ_HOME" && mvn -q -B -ntp -DskipTests package) >&2 || pyacq_die "the build failed (see the Maven output above)"
        fi
        [ -f "$jar" ] || pyacq_die "the build did not produce $jar"
    fi
    echo "$jar"
}

pyacq_java() {
    if [ -n "${JAVA_HOME:-}" ]; then
        [ -x "$JAVA_HOME/bin/java" ] || pyacq_die "JAVA_HOME is $JAVA_HOME but $JAVA_HOME/bin/java is not there"
        echo "$JAVA_HOME/bin/java"
    else
        command -v java >/dev/null 2>&1 || pyacq_die "no java on PATH; install a JDK 17 or newer, or set JAVA_HOME"
        command -v java
    fi
}

# The feature version (17, 21, 25...) of a java command, from its release file (fast: no JVM start).
pyacq_java_feature() {
    real=$(readlink -f "$1" 2>/dev/null || echo "$1")
    release="$(dirname "$(dirname "$real")")/release"
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null)
    echo "${v:-17}"
}

# Runs main class $1 with the remaining arguments. PYACQ_KIND: "short" (a quick command: quick
# start matters most) or "long" (daemon, REPL, benchmark: full optimisation).
pyacq_run() {
    main=$1
    shift
    jar=$(pyacq_jar) || exit 1
    java=$(pyacq_java) || exit 1
    feature=$(pyacq_java_feature "$java")
    set -- "$main" "$@"
    opts=""
    if [ "$feature" -ge 24 ]; then
        opts="--sun-misc-unsafe-memory-access=allow"
    fi
    # conf/logback.xml goes on top of pyacq's logging unless PYACQ_LOG_CONFIG names another file;
    # a -Dpyacq.logConfig in JAVA_OPTS comes later on the command line, so it wins
    logconf=""
    if [ -z "${PYACQ_LOG_CONFIG+set}" ] && [ -f "$PYACQ_HOME/conf/logback.xml" ]; then
        logconf="-Dpyacq.logConfig=$PYACQ_HOME/conf/logback.xml"
    fi
    if [ "${PYACQ_KIND:-short}" = short ]; then
        # a short command does little work: interpreted and C1 code start fastest
        opts="$opts -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k"
    fi
    cds_dir="${XDG_CACHE_HOME:-$HOME/.cache}/pyacq/cds"
    if mkdir -p "$cds_dir" 2>/dev/null && chmod 700 "$cds_dir" 2>/dev/null; then
        key=$(printf '%s %s %s %s' "$java" "$jar" "$(stat -c %Y "$jar" 2>/dev/null)" "${PYACQ_KIND:-short}" | cksum | cut -d' ' -f1)
        archive="$cds_dir/launcher-$key.jsa"
        if [ "$feature" -ge 19 ]; then
            opts="$opts -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
        elif [ -f "$archive" ]; then
            opts="$opts -XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off"
        elif [ "${PYACQ_KIND:-short}" = short ]; then
            # JDK 17: dump the classes this command loads when it exits, for the next runs
            tmp="$archive.tmp.$$"
            # shellcheck disable=SC2086
            "$java" $opts -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off ${logconf:+"$logconf"} ${JAVA_OPTS:-} -cp "$jar" "$@"
            status=$?
            [ -s "$tmp" ] && mv -f "$tmp" "$archive" 2>/dev/null
            rm -f "$tmp"
            exit $status
        fi
    fi
    # shellcheck disable=SC2086
    exec "$java" $opts ${logconf:+"$logconf"} ${JAVA_OPTS:-} -cp "$jar" "$@"
}
