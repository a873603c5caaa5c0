#!/usr/bin/env bash
# Copies the manifests that quarkus-kubernetes generated for each service into the Kustomize base.
# Run `mvn -B -DskipTests package` (or install) first; a missing file stops the script with the command to run.
# The copies are committed, so `kubectl kustomize` works on a fresh clone without a Maven build. Each copy passes
# through `kubectl kustomize` once, which sorts its fields: quarkus-kubernetes writes labels in a different order
# from one build to the next, and the sorted copy changes only when the content does.
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
target_dir="$repo_root/deploy/base/generated"
services=(ingestion preprocessing trainer evaluator)

for service in "${services[@]}"; do
    generated="$repo_root/services/$service/target/kubernetes/kubernetes.yml"
    if [[ ! -f "$generated" ]]; then
        echo "missing $generated: run 'mvn -B -DskipTests -pl services/$service package' first" >&2
        exit 1
    fi
    scratch="$(mktemp -d)"
    cp "$generated" "$scratch/kubernetes.yml"
    printf 'resources:\n  - kubernetes.yml\n' > "$scratch/kustomization.yaml"
    kubectl kustomize "$scratch" > "$target_dir/$service.yml"
    rm -r "$scratch"
    echo "copied services/$service/target/kubernetes/kubernetes.yml to deploy/base/generated/$service.yml"
done
