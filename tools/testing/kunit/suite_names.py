#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the .name of every struct kunit_suite defined in the given C
files, one per line: the suites a run must report (kunit/run.sh and
debug/run.sh pass them to ktap_lines.py as --expect-suite)."""
import re
import sys

for path in sys.argv[1:]:
    text = open(path, errors='replace').read()
    for m in re.finditer(r'struct\s+kunit_suite\s+\w+\s*=\s*\{(.*?)\};',
                         text, re.S):
        name = re.search(r'\.name\s*=\s*"([^"]+)"', m.group(1))
        if name:
            print(name.group(1))
