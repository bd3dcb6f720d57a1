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

# The jars, from an installed copy (lib/) or a source checkout (built with Maven when missing or
# older than the sources): the product, pyacq.jar (pyacq/target/ in a checkout), and the benchmark
# beside it, pyacq-bench.jar (pyacq-bench/target/; run with the product jar on the class path).
# These functions set variables instead of printing: a command substitution forks the shell, and a
# short command's start counts.
pyacq_jar() {
    pyacq_artifact pyacq.jar pyacq/target/pyacq.jar "pyacq/src/main"
}

pyacq_bench_jar() {
    pyacq_artifact pyacq-bench.jar pyacq-bench/target/pyacq-bench.jar "pyacq/src/main pyacq-bench/pom.xml pyacq-bench/src/main"
}

# pyacq_artifact NAME CHECKOUT_PATH SOURCES: sets artifact to the jar's path, building it first if
# needed. SOURCES (relative to the checkout, with the poms) are the files the jar is built from.
pyacq_artifact() {
    if [ ! -f "$PYACQ_HOME/pom.xml" ]; then
        [ -f "$PYACQ_HOME/lib/$1" ] || pyacq_die "no $1 in $PYACQ_HOME/lib and no pom.xml to build one"
        artifact="$PYACQ_HOME/lib/$1"
        return
    fi
    jar="$PYACQ_HOME/$2"
    sources="pom.xml picocli-java8/pom.xml picocli-java8/src pyacq/pom.xml $3"
    if pyacq_stale "$jar" "$sources"; then
        command -v mvn >/dev/null 2>&1 || pyacq_die "Maven (mvn) is needed to build pyacq on first use; install it or set PATH"
        echo "pyacq: building the application with Maven (first use, or the sources changed)..." >&2
        mkdir -p "$PYACQ_HOME/target"
        if command -v flock >/dev/null 2>&1; then
            # another launcher may be building: wait for it, then build only if still needed
            (
                flock 9 || exit 1
                if pyacq_stale "$jar" "$sources"; then
                    pyacq_build
                fi
            ) 9>"$PYACQ_HOME/target/.build.lock" || pyacq_die "the build failed (see the Maven output above)"
        else
            pyacq_build || pyacq_die "the build failed (see the Maven output above)"
        fi
        [ -f "$jar" ] || pyacq_die "the build did not produce $jar"
    fi
    artifact=$jar
}

# Builds the checkout (product and benchmark) with Maven; its output goes to stderr, which often
# ends in a log file (daemon.log): batch mode, and no terminal escape codes (some Maven builds
# print colour resets even in batch mode).
pyacq_build() {
    log="$PYACQ_HOME/target/build.log"
    (cd "$PYACQ_HOME" && mvn -q -B -ntp -Dstyle.color=never -DskipTests package) >"$log" 2>&1
    status=$?
    esc=$(printf '\033')
    sed "s/$esc\[[0-9;]*[A-Za-z]//g" "$log" >&2
    return $status
}

# True if jar $1 is missing or older than one of the files under $2 (paths relative to PYACQ_HOME,
# hidden files left out). Walked with shell builtins (globs and -nt), without starting find.
pyacq_stale() {
    [ -f "$1" ] || return 0
    for top in $2; do
        if pyacq_newer_under "$PYACQ_HOME/$top" "$1"; then
            return 0
        fi
    done
    return 1
}

# pyacq_newer_under PATH FILE: true if PATH, or a file below it, is newer than FILE.
pyacq_newer_under() {
    if [ -d "$1" ]; then
        for entry in "$1"/*; do
            [ -e "$entry" ] || continue   # an empty directory's unmatched glob
            if pyacq_newer_under "$entry" "$2"; then
                return 0
            fi
        done
        return 1
    fi
    # -nt: not in POSIX, but in every sh this runs on (dash, bash, busybox ash, ksh, zsh)
    # shellcheck disable=SC3013
    [ "$1" -nt "$2" ]
}

# Sets java to the java command: $JAVA_HOME's, else the one on PATH.
pyacq_java() {
    if [ -n "${JAVA_HOME:-}" ]; then
        [ -x "$JAVA_HOME/bin/java" ] || pyacq_die "JAVA_HOME is $JAVA_HOME but $JAVA_HOME/bin/java is not there"
        java="$JAVA_HOME/bin/java"
    else
        java=$(command -v java) || pyacq_die "no java on PATH; install a JDK 17 or newer, or set JAVA_HOME"
    fi
}

# Sets feature to the feature version (17, 21, 25...) of a java command, from its release file (no
# JVM start, read with shell builtins; $JAVA_HOME/bin/java needs no link resolved).
pyacq_java_feature() {
    if [ -n "${JAVA_HOME:-}" ] && [ "$1" = "$JAVA_HOME/bin/java" ]; then
        real=$1
    else
        real=$(readlink -f "$1" 2>/dev/null || echo "$1")
    fi
    v=""
    if [ -r "${real%/bin/*}/release" ]; then
        while IFS= read -r line; do
            case $line in
                JAVA_VERSION=*)
                    v=${line#JAVA_VERSION=\"}
                    v=${v%%[!0-9]*}
                    break ;;
            esac
        done <"${real%/bin/*}/release"
    fi
    feature=${v:-17}
}

# Runs main class $1 with the remaining arguments. PYACQ_KIND: "short" (a quick command: quick
# start matters most) or "long" (daemon, REPL, benchmark: full optimisation). PYACQ_BENCH=1 puts the
# benchmark's jar on the class path too.
pyacq_run() {
    main=$1
    shift
    pyacq_jar
    cp=$artifact
    if [ "${PYACQ_BENCH:-0}" = 1 ]; then
        pyacq_bench_jar
        cp="$cp:$artifact"
    fi
    pyacq_java
    pyacq_java_feature "$java"
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
        if [ "$feature" -ge 18 ]; then
            # reflection through native accessors: since Java 18 each new reflective call shape spins
            # method handles first (JEP 416), which picocli's model building paid (12 generated classes)
            opts="$opts -Djdk.reflect.useNativeAccessorOnly=true"
        fi
    fi
    cds_dir="${XDG_CACHE_HOME:-$HOME/.cache}/pyacq/cds"
    if [ -d "$cds_dir" ] || { mkdir -p "$cds_dir" 2>/dev/null && chmod 700 "$cds_dir" 2>/dev/null; }; then
        pyacq_archive_key "$cds_dir" "$java $cp ${PYACQ_KIND:-short} trained-3"
        if [ "${PYACQ_KIND:-short}" = short ]; then
            # a short command uses an archive trained on all the short commands (see pyacq_train),
            # whichever came first: the AOT cache of Java 25 and newer, else a class-data sharing archive
            if [ "$feature" -ge 25 ]; then
                archive="$cds_dir/launcher-$key.aot"
                # the cache loads and links its classes as the JVM starts: the command's prefetch thread
                # (StartupPrefetch) would only compete with it for the CPU (0.25 s with it, 0.23 s without)
                use="-XX:AOTCache=$archive -Xlog:aot=off -Xlog:cds=off -Dpyacq.prefetch=off"
            else
                archive="$cds_dir/launcher-$key.jsa"
                use="-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off"
            fi
            if pyacq_current "$archive" "$cp"; then
                opts="$opts $use"
            else
                pyacq_train "$archive" "$feature" "$java" "$opts ${JAVA_OPTS:-}" "$cp"
            fi
        else
            archive="$cds_dir/launcher-$key.jsa"
            if [ "$feature" -ge 19 ]; then
                opts="$opts -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
            elif pyacq_current "$archive" "$cp"; then
                opts="$opts -XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off"
            fi
        fi
    fi
    # shellcheck disable=SC2086
    exec "$java" $opts ${logconf:+"$logconf"} ${JAVA_OPTS:-} -cp "$cp" "$@"
}

# pyacq_archive_key DIR TEXT: sets key to the number that names the archive for TEXT (java, class path, kind):
# its checksum, remembered in DIR/keys so that later runs read it with shell builtins instead of
# running cksum (a short command's start counts). Whether an archive is up to date is told by its
# time against the jars' (pyacq_newer), so a rebuilt jar reuses the key.
# (trained-3: archives of short commands are trained on all of them; their jars' times are not in the key)
pyacq_archive_key() {
    if [ -r "$1/keys" ]; then
        while IFS= read -r line; do
            case $line in
                *" $2") key=${line%% *}; return ;;
            esac
        done <"$1/keys"
    fi
    sum=$(printf '%s' "$2" | cksum)
    sum=${sum%% *}
    # one short line per (java, class path, kind), appended whole (O_APPEND): runs at once may each add it
    # (stderr first: a cache directory that cannot be written to only costs the checksum next time)
    printf '%s %s\n' "$sum" "$2" 2>/dev/null >>"$1/keys"
    key=$sum
}

# pyacq_current ARCHIVE CP: true if ARCHIVE exists and no jar of class path CP is newer: a training
# gives its archive the time of the newest jar as it started (pyacq_train), so an archive trained on
# a jar that was rebuilt meanwhile is not current.
pyacq_current() {
    [ -f "$1" ] || return 1
    rest=$2
    while [ -n "$rest" ]; do
        part=${rest%%:*}
        # -nt: not in POSIX, but in every sh this runs on (dash, bash, busybox ash, ksh, zsh)
        # shellcheck disable=SC3013
        if [ "$part" -nt "$1" ]; then
            return 1
        fi
        case $rest in *:*) rest=${rest#*:} ;; *) rest="" ;; esac
    done
    return 0
}

# pyacq_newest CP: prints the newest jar of class path CP.
pyacq_newest() {
    newest=${1%%:*}
    rest=$1
    while [ -n "$rest" ]; do
        part=${rest%%:*}
        # shellcheck disable=SC3013
        if [ "$part" -nt "$newest" ]; then
            newest=$part
        fi
        case $rest in *:*) rest=${rest#*:} ;; *) rest="" ;; esac
    done
    echo "$newest"
}

# pyacq_train ARCHIVE FEATURE JAVA OPTS CP: builds the short commands' archive in the background,
# detached and silent, while the command that found none runs without: one JVM prints the version,
# then runs the short commands against a stand-in daemon of its own (-Dpyacq.cds.training, class
# CliWarmup) and writes the archive as it exits. One training at a time (a lock directory; one left
# by a training that died is taken over after 10 minutes).
pyacq_train() {
    lock="$1.training"
    if [ -d "$lock" ] && [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2>/dev/null)" ]; then
        rmdir "$lock" 2>/dev/null
    fi
    mkdir "$lock" 2>/dev/null || return 0
    tmp="$1.tmp.$$"
    if [ "$2" -ge 25 ]; then
        dump="-XX:AOTCacheOutput=$tmp -Xlog:aot=off -Xlog:cds=off"
    else
        dump="-XX:ArchiveClassesAtExit=$tmp -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
    (
        # the archive gets the time of the newest jar as training starts (see pyacq_current)
        touch -r "$(pyacq_newest "$5")" "$tmp.stamp"
        # shellcheck disable=SC2086
        "$3" $4 $dump -Dpyacq.cds.training=true -cp "$5" org.pyacq.cli.PyacqCommand --version >/dev/null 2>&1 </dev/null
        [ -s "$tmp" ] && touch -r "$tmp.stamp" "$tmp" && mv -f "$tmp" "$1" 2>/dev/null \
            && pyacq_trim_archives "$(dirname "$1")"
        rm -f "$tmp" "$tmp.config" "$tmp.stamp"
        rmdir "$lock" 2>/dev/null
    ) >/dev/null 2>&1 </dev/null &
}

# pyacq_trim_archives DIR: keeps the 8 newest launcher archives of DIR (one is made per java, jar
# version and kind, 10-25 MB each: a checkout that is rebuilt, or upgrades, would collect them) and
# removes what trainings that died left behind (older than an hour).
pyacq_trim_archives() {
    # shellcheck disable=SC2012  # our own file names; ls -t sorts by time, which find cannot
    ls -t "$1"/launcher-*.jsa "$1"/launcher-*.aot 2>/dev/null | tail -n +9 | while IFS= read -r old; do
        rm -f "$old"
    done
    find "$1" -maxdepth 1 -name 'launcher-*.tmp.*' -mmin +60 -exec rm -f {} + 2>/dev/null
}
