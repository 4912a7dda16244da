#!/usr/bin/env bash
# The README's two commands, exactly as its first code block writes them (comments dropped), so CI
# runs what a new user runs. Usage: readme-commands.sh start|test  -> prints that command line.
set -euo pipefail
cd "$(dirname "$0")/.."
which="$1"
awk '/^```/{ if (open) exit; open=1; next } open' README.md \
  | sed 's/[[:space:]]*#.*$//' \
  | grep -m 1 -E "(^|[[:space:]])npm (run )?${which}\$"
