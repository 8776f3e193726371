#!/bin/sh
# Trains the SNLI encoder on the bundled dev pool and evaluates it on the test split
# (io.github.influence4j.examples.snli.SnliTrainMain). Usage, from the repository root:
#   influence-examples/run-snli.sh [--epochs 10] [--seeds 1,2,3] [--checkpoints 10] [--store DIR] ...
# Runs it from the command-line jar (nd4j-native backend), building the jar first when it is missing
# or INFLUENCE4J_REBUILD=1. On a shared 2-core machine OMP_NUM_THREADS=1 is much faster than the
# default 2 threads.
set -e
cd "$(dirname "$0")/.."
JAR=influence-examples/target/influence4j-cli.jar
if [ ! -f "$JAR" ] || [ "${INFLUENCE4J_REBUILD:-0}" = "1" ]; then
  mvn -B -q -DskipTests package -pl influence-examples -am >&2
fi
exec env OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" java -Xmx4g \
  -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=10G \
  -cp "$JAR" io.github.influence4j.examples.snli.SnliTrainMain "$@"
