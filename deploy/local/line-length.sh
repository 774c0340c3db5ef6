#!/usr/bin/env bash
# The house rule of .editorconfig (max_line_length = 120) for C#: prints every longer line and fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
long="$(git ls-files '*.cs' | LC_ALL=C.UTF-8 xargs awk 'length($0) > 120 { print FILENAME ":" FNR ": " length($0) " columns" }')"
if [[ -n "$long" ]]; then
    echo "lines over 120 columns:"
    echo "$long"
    exit 1
fi
