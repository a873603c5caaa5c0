#!/usr/bin/env bash
# Renders every overlay under deploy/overlays into plain YAML under deploy/rendered/<overlay>.yaml.
# Needs kubectl with its built-in Kustomize (tried with kubectl 1.32 and Kustomize 5.5). It reads only local
# files and needs no cluster.
set -euo pipefail

deploy_dir="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v kubectl >/dev/null 2>&1; then
    echo "kubectl not found: install Debian's kubernetes-client (apt-get install kubernetes-client) or" \
        "kubectl from https://kubernetes.io/docs/tasks/tools/" >&2
    exit 1
fi

mkdir -p "$deploy_dir/rendered"
for overlay in "$deploy_dir"/overlays/*/; do
    name="$(basename "$overlay")"
    output="$deploy_dir/rendered/$name.yaml"
    kubectl kustomize "$overlay" > "$output.tmp"
    mv "$output.tmp" "$output"
    echo "rendered deploy/overlays/$name to deploy/rendered/$name.yaml"
done
