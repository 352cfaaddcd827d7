#!/usr/bin/env bash
# Coverage benchmark: 100,000 people, 5 years, 1,000 classes × 100 people, on an embedded PostgreSQL 17.
# The data is generated once into bench/coverage/data (delete it to regenerate). Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
  cn.tongxin.rotation.CoverageBench bench/coverage/data 2>&1 | grep --line-buffered -vE '^(WARNING|SLF4J)' | tee bench/coverage/last-run.txt
