#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# check-debug, first suite: the KUnit suites linked into xlate.ko ran
# when the init loaded it.  Their KTAP output is in the kernel log; this
# prints it with an "XLATE-KTAP: " prefix on the console, from the first
# top-level "KTAP version 1" with tests on, and tools/testing/debug/run.sh parses
# it on the host into one line per test case.
. "$(dirname "$0")/lib.sh"

dmesg >/tmp/kunit-dmesg.txt
# The first top-level KTAP header that announces tests: a kernel with
# no built-in suites prints an empty "KTAP version 1 / 1..0" at boot.
first=$(awk '/^KTAP version 1$/ { k = NR; next }
	k && NR == k + 1 && /^1\.\.[1-9]/ { print k; exit }
	{ k = 0 }' /tmp/kunit-dmesg.txt)
if [ -z "$first" ]; then
	fail kunit-ran "no KTAP output in the kernel log after loading xlate"
	exit 0
fi
tail -n "+$first" /tmp/kunit-dmesg.txt | sed 's/^/XLATE-KTAP: /'
echo "XLATE-KTAP-END"
pass kunit-ran

# The suites ran; the e2e suites load xlate.ko again many times, and
# each load would run them again (seconds each on a debug kernel under
# TCG, longer than a load's time bounds in 96-load-lifecycle allow).
KUNIT_GLOB=/sys/module/kunit/parameters/filter_glob
if [ -w "$KUNIT_GLOB" ]; then
	echo 'none-such.none-such' >"$KUNIT_GLOB"
else
	fail kunit-off-for-reloads "no $KUNIT_GLOB: each later load would run the suites again"
fi
