#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# check-debug, first suite: the KUnit suites linked into xlate.ko ran
# when the init loaded it.  Their KTAP output is in the kernel log; this
# prints it with an "XLATE-KTAP: " prefix on the console, from the first
# top-level "KTAP version 1" on, and tools/testing/debug/run.sh parses
# it on the host into one line per test case.
. "$(dirname "$0")/lib.sh"

dmesg >/tmp/kunit-dmesg.txt
first=$(grep -n '^KTAP version 1$' /tmp/kunit-dmesg.txt | head -n 1 | cut -d: -f1)
if [ -z "$first" ]; then
	fail kunit-ran "no KTAP output in the kernel log after loading xlate"
	exit 0
fi
tail -n "+$first" /tmp/kunit-dmesg.txt | sed 's/^/XLATE-KTAP: /'
echo "XLATE-KTAP-END"
pass kunit-ran
