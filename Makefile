# Build, test and run trainbus on this machine. `make run` builds first, so it works on a fresh clone.

# A local copy of the CIFAR-10 binary archive is used when it exists; otherwise ingestion downloads it.
CIFAR10_LOCAL := ../shared/datasets/cifar-10/cifar-10-binary.tar.gz
CIFAR10_URL := https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz
CIFAR10 ?= $(if $(wildcard $(CIFAR10_LOCAL)),$(CIFAR10_LOCAL),$(CIFAR10_URL))
# Extra options of `trainbus local run`, for example RUN_ARGS="--full" or RUN_ARGS="--cnn-epochs 5".
RUN_ARGS ?=
# Extra options of `trainbus local up`, for example UP_ARGS="--fashion-mnist /data/fashion-mnist".
UP_ARGS ?=
MVN ?= mvn
CLI_JAR := services/cli/target/quarkus-app/quarkus-run.jar

.PHONY: build run up test clean manifests dashboard-check faults

build:
	$(MVN) -B -DskipTests install

run: build
	java -jar $(CLI_JAR) local run --cifar10 $(CIFAR10) $(RUN_ARGS)

# Starts the stack and the four services and keeps them running for requests by hand, until Ctrl-C or SIGTERM.
up: build
	java -jar $(CLI_JAR) local up --cifar10 $(CIFAR10) $(UP_ARGS)

test:
	$(MVN) -B verify

# Only the Prometheus check of the Grafana dashboard, which `make test` also runs: packages the services, runs a
# tiny job while a real Prometheus (Debian package prometheus, started on 127.0.0.1) scrapes them, and evaluates
# every panel query.
dashboard-check: build
	@command -v prometheus >/dev/null || { echo "prometheus not found: apt-get install prometheus" >&2; exit 1; }
	$(MVN) -B -pl services/e2e-tests verify -Dtest=DashboardQueriesTest -Dsurefire.failIfNoSpecifiedTests=false

# Only the fault-injection suite, which `make test` also runs, then its per-scenario report (jobs submitted,
# completed, failed with reason, lost, trained twice).
faults: build
	$(MVN) -B -pl services/e2e-tests verify -Dtest='io/trainbus/e2e/faults/*Test' -Dsurefire.failIfNoSpecifiedTests=false
	cat services/e2e-tests/target/fault-report.md

# Also deletes .trainbus: the logs and the local stack's S3 data of earlier runs.
clean:
	$(MVN) -B clean
	rm -rf .trainbus

# Kubernetes manifests: packages the four services (quarkus-kubernetes writes target/kubernetes/kubernetes.yml),
# copies those files into deploy/base/generated and renders every overlay into deploy/rendered/<overlay>.yaml with
# `kubectl kustomize`. It needs no cluster (see deploy/README.md).
MANIFEST_SERVICES := services/ingestion,services/preprocessing,services/trainer,services/evaluator

manifests:
	$(MVN) -B -q -DskipTests -pl $(MANIFEST_SERVICES) -am package
	deploy/scripts/sync-generated.sh
	deploy/scripts/render.sh

# Prints augmented images per second on real CIFAR-10 training images next to the trainer's images per second for
# the optimized CNN. Needs the local archive CIFAR10_LOCAL. BENCH_ARGS passes options, for example
# BENCH_ARGS="--rows 45000 --epochs 2 --batches 16" (see AugmentationBenchmark).
BENCH_ARGS ?=
BENCH_CP := services/preprocessing/target/bench-classpath.txt

.PHONY: bench-augmentation
bench-augmentation:
	$(MVN) -B -q -DskipTests -pl services/preprocessing -am install
	$(MVN) -B -q -pl services/preprocessing dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile=target/bench-classpath.txt
	java -Xmx2g -cp services/preprocessing/target/test-classes:services/preprocessing/target/classes:$$(cat $(BENCH_CP)) \
		io.trainbus.preprocessing.bench.AugmentationBenchmark $(CIFAR10_LOCAL) $(BENCH_ARGS)

# Measures every stage with the services' classes on real CIFAR-10 (CIFAR10_LOCAL), the trainer against
# Deeplearning4j's default setup and PyTorch on the CPU (PEER_BENCH, skipped when missing), and the end-to-end
# overhead of a small `trainbus local run`, then rewrites the generated part of BENCHMARKS.md. About 15 minutes on a
# quiet 2-core machine, build included. Not part of `make test`.
PEER_BENCH ?= ../shared/peer-bench
BENCH_MAIN_CP := services/bench/target/bench-classpath.txt

.PHONY: bench
bench:
	@test -f $(CIFAR10_LOCAL) || { echo "make bench needs the archive $(CIFAR10_LOCAL)" >&2; exit 1; }
	$(MVN) -B -q -DskipTests install
	$(MVN) -B -q -pl services/bench dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
	java -Xmx3g -cp services/bench/target/classes:$$(cat $(BENCH_MAIN_CP)) io.trainbus.bench.BenchMain \
		--archive $(CIFAR10_LOCAL) --out BENCHMARKS.md --peer-bench $(PEER_BENCH) \
		--work services/bench/target/work --cli-jar $(CLI_JAR)
