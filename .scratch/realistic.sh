#!/bin/bash
# usage: realistic.sh [--unsafe]
set -e
W=/work/wt/rewrites
D=/tmp/rw/run$1
rm -rf $D && mkdir -p $D && cp -r $W/test/fixtures/realistic $D/realistic && cp -r $W/examples $D/examples
cd $D
node $W/dist/cli.js fix $1 realistic examples > $D/fix.log 2>&1 || true
tail -3 $D/fix.log
node $W/dist/cli.js check realistic examples --format json > $D/check.json || true
node $W/dist/cli.js check realistic examples > $D/check.txt 2>&1 || true
cd $W && node /work/shared/tools/mixed-check.js $D $D/check.json
grep -c "no-assistants-api" $D/check.txt || true
