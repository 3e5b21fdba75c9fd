#!/usr/bin/env bash
# Runs TrmSparkMain on this machine without spark-submit: Spark comes from the Maven repository and
# the master from --master (e.g. local[2]). Arguments go to TrmSparkMain (--help lists them).
#   spark/run-local.sh --master 'local[2]' --head sudoku --input puzzles.csv --output out.parquet
# Builds the module (and what it needs) the first time; set TRM_SPARK_REBUILD=1 to rebuild.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/spark/target/trm4j-spark-0.2.0.jar"
cp_file="$root/spark/target/classpath.txt"
if [[ ! -f "$jar" || ! -f "$cp_file" || -n "${TRM_SPARK_REBUILD:-}" ]]; then
  (cd "$root" && mvn -B -q -pl spark -am install -DskipTests >&2 \
     && mvn -B -q -pl spark dependency:build-classpath -Dmdep.includeScope=compile \
          -Dmdep.outputFile=target/classpath.txt >&2)
fi
# What spark-submit's launcher adds on Java 17 (the same list as the tests' Surefire argLine).
opens=(java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent
       java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar)
flags=()
for p in "${opens[@]}"; do flags+=("--add-opens=java.base/$p=ALL-UNNAMED"); done
log4j="$root/spark/src/main/scripts/log4j2-warn.properties"
exec java ${TRM_SPARK_JAVA_OPTS:-} "${flags[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.configurationFile="$log4j" \
  -cp "$jar:$(cat "$cp_file")" io.trm4j.spark.TrmSparkMain "$@"
