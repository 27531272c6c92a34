#!/usr/bin/env bash
# JMH benchmarks of the phases (parse, check, plan, render) over the benchmark's networks.
# Usage: scripts/jmh.sh [JMH options]   e.g. scripts/jmh.sh -p network=mesh-100 render
# Builds with the `bench` Maven profile (jmh-core and its annotation processor, never part of the
# normal build), then runs org.openjdk.jmh.Main; results also go to bench/jmh.csv (or $JMH_CSV).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
mvn -q -B -P bench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
exec java -Dvpnc.projectRoot="$root" -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" \
  org.openjdk.jmh.Main -rf csv -rff "${JMH_CSV:-bench/jmh.csv}" "$@"
