#!/usr/bin/env bash
# Database crash benchmark: are sign-ins that phones were told succeeded still stored after PostgreSQL is killed
# (-9) in the middle of a burst? Runs on the sign-in bench's machinery (bench/signin/run.sh: the portal in
# production mode on its embedded PostgreSQL, here with its data in bench/dbcrash/data, git-ignored). Prints
# acknowledged against stored, "N lost" and PASS or FAIL; exits non-zero on FAIL. See bench/dbcrash/README.md.
# Options (environment): BENCH_PHONES (300 in the burst), BENCH_RATE (arrivals per second, 100), BENCH_CRASH_AFTER (kill
# once this many phones were told 签到成功, 120), BENCH_OUTAGE_PHONES (phones that scan while PostgreSQL is down, 50),
# BENCH_OUTAGE (seconds at least from the kill to the restart, 5),
# BENCH_OLD_SETTINGS (true: synchronous_commit off, as the embedded server ran before; output in last-run-old-settings.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD=${BENCH_OLD_SETTINGS:-false}
export BENCH_MAIN=cn.tongxin.attendance.DbCrashBench BENCH_DATA=bench/dbcrash/data
export BENCH_OUT=bench/dbcrash/$([ "$OLD" = true ] && echo last-run-old-settings.txt || echo last-run.txt)
export BENCH_PHONES=${BENCH_PHONES:-300}
# The portal logs every request that failed during the outage (with stack traces); the bench counts their answers.
QUIET=""
for logger in cn.tongxin.base org.hibernate.orm.jdbc.error org.springframework.transaction.interceptor \
    com.vaadin.flow.server.DefaultErrorHandler com.zaxxer.hikari cn.tongxin.attendance.ui.BoardRelay \
    org.springframework.scheduling.support.TaskUtils; do
  QUIET="$QUIET -Dlogging.level.$logger=off"
done
export BENCH_JAVA_OPTS="-Dbench.crashAfter=${BENCH_CRASH_AFTER:-120} -Dbench.outageSeconds=${BENCH_OUTAGE:-5} -Dbench.outagePhones=${BENCH_OUTAGE_PHONES:-50} -Dbench.oldSettings=$OLD $QUIET ${BENCH_JAVA_OPTS:-}"
exec bench/signin/run.sh
