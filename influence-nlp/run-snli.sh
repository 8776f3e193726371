#!/bin/sh
# Trains the SNLI encoder on the bundled dev pool and evaluates it on the test split
# (io.github.influence4j.nlp.SnliTrainMain). Usage, from the repository root:
#   influence-nlp/run-snli.sh [--epochs 10] [--seeds 1,2,3] [--checkpoints 10] [--store DIR] ...
# Builds the module (offline) and runs it on the test class path (nd4j-native backend).
# On a shared 2-core machine OMP_NUM_THREADS=1 is much faster than the default 2 threads.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o -pl influence-nlp -am test-compile
CP_FILE=influence-nlp/target/test-classpath.txt
mvn -B -q -o -pl influence-nlp org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=test
# use the freshly compiled reactor modules, never installed snapshots
CP=$(sed 's#[^:]*/io/github/influence4j/[^:]*:##g' "$CP_FILE")
exec env OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" java -Xmx4g -cp \
  influence-nlp/target/classes:influence-core/target/classes:influence-scorers/target/classes:"$CP" \
  io.github.influence4j.nlp.SnliTrainMain "$@"
