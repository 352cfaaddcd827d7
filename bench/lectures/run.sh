#!/usr/bin/env bash
# Lecture benchmark: the demo province with 20,000 lectures in one year on an embedded PostgreSQL 17 (data generated
# once into bench/lectures/data, git-ignored; delete it to regenerate). Times the calendar's month query as an
# administrator and as a city organizer, then lets 50 organizers save the same lecturer (and the same venue) at the
# same minute. Not part of ./mvnw verify. See bench/lectures/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
{ echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(date -u '+%Y-%m-%d %H:%M UTC')"
"$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
  cn.tongxin.lecture.LectureBench ${BENCH_DATA:-bench/lectures/data} 2>&1; } | grep --line-buffered -vE '^(WARNING|SLF4J)' \
  | tee bench/lectures/last-run.txt
