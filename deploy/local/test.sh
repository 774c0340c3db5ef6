#!/usr/bin/env bash
# The test command (README, .ci/run): starts a private PostgreSQL on 127.0.0.1 (installing it where
# missing), installs Debian's chromium for the browser tests, systemd-analyze for the edge's unit and qemu
# with arm64 libraries for the emulated edge where missing, builds, publishes vz-edge for linux-arm64, runs
# every test project, stops PostgreSQL, and prints "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Stop PostgreSQL afterwards only if this script started it (a developer's running instance stays up).
started_pg=1
bash deploy/local/pg.sh status >/dev/null 2>&1 && started_pg=0
cleanup() {
    [[ $started_pg -eq 1 ]] && { bash deploy/local/pg.sh stop >/dev/null 2>&1 || true; }
    dotnet build-server shutdown >/dev/null 2>&1 || true
}
trap cleanup EXIT

bash deploy/local/pg.sh start || { echo "0 passed, 1 failed"; exit 1; }
if ! command -v chromium >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "chromium could not be installed: the browser test will fail"
fi
if ! command -v systemd-analyze >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq systemd) >/dev/null 2>&1 \
        || echo "systemd could not be installed: the edge's unit check will fail"
fi
bash deploy/local/arm64-emulation.sh || echo "the emulated arm64 edge tests will fail"
# Deploy.Tests renders deploy/k8s with `kubectl kustomize` (offline: no cluster is reached).
if ! command -v kubectl >/dev/null 2>&1; then
    (apt-get update -qq && { apt-get install -y -qq kubectl || apt-get install -y -qq kubernetes-client; }) \
        >/dev/null 2>&1 || echo "kubectl could not be installed: the Kubernetes manifest tests will fail"
fi
eval "$(bash deploy/local/pg.sh env)"
export VZ_TEST_POSTGRES="$VZ_POSTGRES"

# Counted as one check: a line over the house limit fails the run like a test.
lines_failed=0
bash deploy/local/line-length.sh || lines_failed=1

results="$root/artifacts/test-results"
rm -rf "$results"
if ! dotnet build Orleans.sln -c Release -warnaserror 2>&1 | tail -n 3; then
    echo "0 passed, 1 failed"
    exit 1
fi
# The Pi build (docs/edge.md): checked by Arm64PublishTests, run under qemu by EmulatedArm64Tests.
rm -rf artifacts/edge-arm64
if ! published="$(dotnet publish Edge -c Release -r linux-arm64 --self-contained -o artifacts/edge-arm64 2>&1)"; then
    echo "$published" | tail -n 5
    echo "the linux-arm64 publish failed: the arm64 edge tests will fail"
fi
dotnet test Orleans.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done
# Figures the tests measured (the chaos tests' error rates and times), printed where CI shows them.
for trx in "$results"/*.trx; do
    grep -o '\[figure\] [^<]*' "$trx" | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g' || true
done
passed=$((passed + 1 - lines_failed))
failed=$((failed + lines_failed))
if [[ $status -ne 0 && $failed -eq 0 ]]; then
    failed=1   # the run broke before reporting (build, crash or abort): never report green
fi
echo "${passed} passed, ${failed} failed"
[[ $status -eq 0 && $failed -eq 0 && $passed -gt 0 ]]
