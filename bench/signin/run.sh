#!/usr/bin/env bash
# Sign-in benchmark: 2,000 trainees' phones sign in to one class session over the real HTTP path (Tomcat, Spring
# Security, Vaadin Flow's protocol) of the portal in production mode, on an embedded PostgreSQL 17 whose data lives
# in bench/signin/data (git-ignored; delete it to regenerate). Not part of ./mvnw verify. See bench/signin/README.md.
# Options (environment): BENCH_WINDOW (seconds over which the class arrives, default 120), BENCH_RATE (two extra
# phases of open arrivals at this rate per second, evenly spaced and at random; default 100; 0 = none),
# BENCH_INFLIGHT (phones in flight in the closed-loop phase, default 64), BENCH_XMX (app heap, default 1g),
# BENCH_PRODUCTION (true/false, default true). Other benchmarks of the sign-in path run through this script with
# BENCH_MAIN (their class), BENCH_DATA (their data folder) and BENCH_OUT (their output file), e.g. bench/dbcrash/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
PRODUCTION=${BENCH_PRODUCTION:-true}
CP="target/test-classes:target/classes"
if [ "$PRODUCTION" = true ]; then
  # Production mode as `./mvnw -Pproduction package` ships it: Vaadin's pre-compiled bundle (no custom frontend),
  # without the dev-mode jars (vaadin-dev, dev server, copilot).
  VERSION=$(sed -n 's:.*<vaadin.version>\(.*\)</vaadin.version>.*:\1:p' pom.xml)
  JAR=$(tr ':' '\n' < target/bench-cp.txt | grep '/com/vaadin/flow-server/' | sed "s:/com/vaadin/flow-server/.*:/com/vaadin/vaadin-prod-bundle/$VERSION/vaadin-prod-bundle-$VERSION.jar:")
  if [ ! -f "$JAR" ]; then ./mvnw -q -B dependency:get -Dartifact=com.vaadin:vaadin-prod-bundle:$VERSION; fi
  BUNDLE=${BENCH_DATA:-bench/signin/data}/prod-bundle
  if [ ! -f $BUNDLE/META-INF/VAADIN/webapp/index.html ]; then
    TMP=$(mktemp -d)
    unzip -q -o "$JAR" 'vaadin-prod-bundle/*' -d "$TMP"
    mkdir -p $BUNDLE/META-INF/VAADIN/config
    cp -r "$TMP/vaadin-prod-bundle/webapp" $BUNDLE/META-INF/VAADIN/webapp
    cp "$TMP/vaadin-prod-bundle/config/stats.json" $BUNDLE/META-INF/VAADIN/config/
    rm -rf "$TMP"
  fi
  CP="$CP:$BUNDLE:$(tr ':' '\n' < target/bench-cp.txt | grep -v -E '/com/vaadin/(vaadin-dev|vaadin-dev-server|vaadin-dev-bundle|copilot)/' | paste -sd:)"
else
  CP="$CP:$(cat target/bench-cp.txt)"
fi
{ echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(date -u '+%Y-%m-%d %H:%M UTC')"
"$JAVA_HOME/bin/java" -Xmx${BENCH_XMX:-1g} -Dbench.production=$PRODUCTION -Dbench.rate=${BENCH_RATE:-100} -Dbench.window=${BENCH_WINDOW:-120} \
  -Dbench.inflight=${BENCH_INFLIGHT:-64} -Dbench.phones=${BENCH_PHONES:-2000} ${BENCH_JAVA_OPTS:-} -cp "$CP" \
  ${BENCH_MAIN:-cn.tongxin.attendance.SignInBench} ${BENCH_DATA:-bench/signin/data} 2>&1; } | grep --line-buffered -vE '^(WARNING|SLF4J)' \
  | tee ${BENCH_OUT:-bench/signin/last-run.txt}
