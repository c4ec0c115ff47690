#!/usr/bin/env bash
# BCP children's client index: the one command for operators, developers and CI.
# Exit codes: 0 completed and balanced; 1 a step failed (restartable); 2 configuration, usage or
# preflight error; 3 completed but the control totals do not balance; 4 refused.
set -uo pipefail
cd "$(dirname "$0")" || exit 2

JAR=target/client-index.jar
# The JDK: $JAVA_HOME's when it is set, else the java on the PATH (17 or newer).
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

usage() {
  cat >&2 <<'TXT'
usage: ./run.sh <command> [options]
  demo                                   whole job on embedded databases with generated legacy data
  test [maven options]                   the whole test suite
  generate --children N [--seed S]       synthetic legacy data into the configured databases and folder
  check                                  preflight: settings, connections, grants, delivery, mappings,
                                         schema, disk space; one PASS/WARN/FAIL line each; changes nothing
  generate --mutate-percent P [--seed S]  change P% of the generated records, write a new delivery
  migrate [--run-date YYYY-MM-DD] [--label L] [--incremental]
                                         preflight, then a run against the configured databases
                                         (--incremental: re-read only what changed since the last run)
  restart                                resume the last failed or stopped run
  status [--limit N]                     recent runs with each step's counts
  worker                                 remote partitioning worker (clientindex.partitioning.mode=remote on the manager)
  benchmark febrl3|febrl4|generated [--children N]
                                         matcher accuracy: FEBRL (no database) or generated data
  benchmark scale --children N [--reuse] [--configured]
                                         speed and memory of the whole job on N generated children
  review [--run ID] [--by NAME] [--port N]
                                         clerical review of a run's uncertain pairs on a local page
                                         (add --demo to review the last demo's data)
  signoff --run ID --source SOURCE --by NAME [--sha256 HASH]
                                         a data owner's approval of the run's report.html (its SHA-256)
  promote --run ID [--by NAME]           make a run's index the live one; refused (exit 4) until it
                                         completed, balanced and all three sources signed its report
  benchmark incremental --children N --change-percent P
                                         full run, change P%, incremental and full run: times, ID events
  benchmark reliability [--points N] [--seed S]
                                         kill points (SIGKILL, SIGTERM) over all steps, restart, compare
Settings: clientindex.* properties as --clientindex.x=y or environment variables (see README.md).
TXT
}

build_if_needed() {
  if [ ! -f "$JAR" ] || [ -n "$(find pom.xml src -newer "$JAR" -print -quit 2>/dev/null)" ]; then
    echo "Building (first run or sources changed)..." >&2
    if ! ./mvnw -q -B -DskipTests package >&2; then
      echo "Build failed (exit 2)" >&2
      exit 2
    fi
    touch "$JAR" # an up-to-date jar is not rewritten; mark it current so the next command does not rebuild
  fi
}

cmd="${1:-}"
case "$cmd" in
  test)
    shift
    exec ./mvnw -B test "$@"
    ;;
  demo|generate|check|migrate|restart|status|benchmark|review|signoff|promote|worker)
    build_if_needed
    # The throughput collector: a batch job wants the least GC work, not short pauses. At a million children G1 took
    # about 25 core-seconds more of the job's two cores than ParallelGC (199 s against 185 s for the whole job). The
    # heap is committed whole from the start (-Xms): the collector then does not resize it with full collections as
    # mapRecords keeps the candidates' match views (9 s of pauses in all against 14 s).
    # shellcheck disable=SC2086
    exec "$JAVA" ${CLIENTINDEX_JAVA_OPTS:--Xms4g -Xmx4g -XX:+UseParallelGC} -jar "$JAR" "$@"
    ;;
  ""|-h|--help|help)
    usage
    exit 2
    ;;
  *)
    echo "unknown command '$cmd'" >&2
    usage
    exit 2
    ;;
esac
