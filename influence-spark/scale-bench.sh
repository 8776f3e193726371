#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The influence4j authors
#
# The scale-out benchmark of docs/SCALE.md: synthetic store sets of the logit family and of a
# gradient scorer, scored in one JVM, on Spark local[1] and on Spark local[2], each in its own JVM.
# Usage: influence-spark/scale-bench.sh WORKDIR N_LOGIT N_GRADIENT [SHARDS]
# KEEP=1: reuse a set already under WORKDIR (of the same N) and keep it afterwards; CREATE_ONLY=1:
# only write the sets (e.g. at low priority while the machine is busy), to score them later.
# Run from the repository root after: mvn -q -o -pl influence-spark -am test-compile \
#   dependency:build-classpath -Dmdep.outputFile=$PWD/target/spark-cp.txt -Dmdep.includeScope=test
set -euo pipefail
work=$1; n_logit=$2; n_grad=$3; shards=${4:-8}
cp="influence-spark/target/classes:influence-spark/target/test-classes:$(cat target/spark-cp.txt)"
opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
export SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1
run() { java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=2G $opens -cp "$cp" io.github.influence4j.spark.SparkScaleBench "$@" 2>/dev/null | grep -E "RESULT|created|session"; }
for fam in logit gradient; do
  n=$n_logit; scorer=el2n
  if [ "$fam" = gradient ]; then n=$n_grad; scorer=tracin-self; fi
  if [ "${KEEP:-0}" != 1 ] || [ ! -f "$work/$fam/created-$n" ]; then
    rm -rf "$work/$fam"
    run create "$work/$fam" "$n" "$fam" "$shards"
    touch "$work/$fam/created-$n"
  fi
  du -sh "$work/$fam/set" | sed 's/^/store size: /'
  if [ "${CREATE_ONLY:-0}" = 1 ]; then continue; fi
  for mode in one-jvm 'local[1]' 'local[2]' one-jvm 'local[1]' 'local[2]'; do
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    run score "$work/$fam" "$mode" "$scorer"
  done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work/$fam"; fi
done
