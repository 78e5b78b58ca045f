#!/usr/bin/env bash
# Installs what the tests need (Debian packages, the mail servers), builds
# deskd and runs every unit and integration test with CTest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest -L 'unit|integration' --output-on-failure --timeout 600
