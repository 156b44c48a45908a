#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Parse each .rst file given with docutils; print "PASS: build/host/rst/F"
or "FAIL: build/host/rst/F: <first problem>" (docutils warnings and
worse: malformed tables, title underlines, inconsistent title levels)."""
import io
import sys

import docutils.core

status = 0
for path in sys.argv[1:]:
    err = io.StringIO()
    with open(path, encoding="utf-8") as f:
        docutils.core.publish_doctree(
            f.read(), source_path=path,
            settings_overrides={"report_level": 2, "halt_level": 5,
                                "warning_stream": err})
    problems = [l for l in err.getvalue().splitlines() if "(" in l and "/" in l]
    if problems:
        print(f"FAIL: build/host/rst/{path}: {problems[0]}")
        status = 1
    else:
        print(f"PASS: build/host/rst/{path}")
sys.exit(status)
