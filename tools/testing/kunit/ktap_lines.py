#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a KUnit console log into the test bench's PASS/FAIL lines.

Usage: ktap_lines.py --kunit-dir DIR --prefix kunit/6.12-arm64
                     [--expect-suite NAME]... LOG

LOG is the raw console output (kunit.py's test.log).  The KTAP in it is
parsed with the kernel's own parser (DIR/kunit_parser.py).  One line is
printed per test case, one per parameter of a parameterized case:

  PASS: <prefix>/<suite>.<case>
  PASS: <prefix>/<suite>.<case>.<parameter>
  FAIL: <prefix>/<suite>.<case>: <reason>
  SKIP: <prefix>/<suite>.<case>: <reason>

A skipped test (kunit_skip(), with its reason: a case that does not
apply to this kernel's configuration) is a SKIP line, never counted as
passed; check.sh lists them.  Parse errors, a missing KTAP log, no test
at all, and an expected suite that did not run are FAIL lines.  Exit
status: 0 if nothing failed, 1 if something did.
"""

import argparse
import re
import sys


def one_line(text):
    return re.sub(r'\s+', ' ', text).strip()


def reason_of(test, status_name):
    """A short reason for a failed test, from its diagnostic lines."""
    keep = []
    for line in test.log:
        line = one_line(line.lstrip(' #'))
        if not line or line.startswith(('ok ', 'not ok ', 'KTAP', '1..')):
            continue
        if line.startswith('Subtest:'):
            continue
        keep.append(line)
    detail = ' | '.join(keep[-6:])
    if len(detail) > 400:
        detail = detail[:397] + '...'
    return status_name + (': ' + detail if detail else '')


def param_name(name):
    return re.sub(r'\s+', '_', name.strip()) or '<unnamed>'


# kunit_parser keeps a SKIP directive's status but not its reason.
SKIP_LINE = re.compile(r'^\s*(?:not )?ok [0-9]+ (?:- )?(.*?) # SKIP\s*(.*)$')


def skip_reasons(lines):
    """Each skipped test's reason, by test name (the first one seen)."""
    reasons = {}
    for line in lines:
        m = SKIP_LINE.match(line)
        if m:
            reasons.setdefault(m.group(1).strip(), m.group(2).strip())
    return reasons


class Reporter:
    def __init__(self, prefix, status_cls, reasons):
        self.prefix = prefix
        self.status = status_cls
        self.reasons = reasons
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def ok(self, name):
        print(f'PASS: {self.prefix}/{name}')
        self.passed += 1

    def skip(self, name, reason):
        print(f'SKIP: {self.prefix}/{name}: {one_line(reason)}')
        self.skipped += 1

    def fail(self, name, reason):
        print(f'FAIL: {self.prefix}/{name}: {one_line(reason)}')
        self.failed += 1

    def leaf(self, name, test):
        st = self.status
        if test.status == st.SUCCESS:
            self.ok(name)
        elif test.status == st.SKIPPED:
            why = self.reasons.get(test.name.strip())
            self.skip(name, why or reason_of(test, 'skipped'))
        elif test.status == st.TEST_CRASHED:
            self.fail(name, reason_of(test, 'crashed'))
        else:
            self.fail(name, reason_of(test, test.status.name.lower()))

    def case(self, suite, case):
        name = f'{suite.name}.{case.name}'
        if not case.subtests:
            self.leaf(name, case)
            return
        before = self.failed
        for param in case.subtests:
            self.leaf(f'{name}.{param_name(param.name)}', param)
        if self.failed == before and case.status not in (
                self.status.SUCCESS, self.status.SKIPPED):
            self.fail(name, reason_of(case, case.status.name.lower()))
        if case.expected_count and len(case.subtests) < case.expected_count:
            self.fail(name, f'{len(case.subtests)} of '
                      f'{case.expected_count} parameters reported')

    def suite(self, suite):
        if not suite.subtests:
            self.fail(suite.name or '<unnamed-suite>',
                      reason_of(suite, 'no test cases ran'))
            return
        before = self.failed
        for case in suite.subtests:
            self.case(suite, case)
        if self.failed == before and suite.status not in (
                self.status.SUCCESS, self.status.SKIPPED):
            self.fail(suite.name, reason_of(suite,
                                            suite.status.name.lower()))
        if suite.expected_count and \
           len(suite.subtests) < suite.expected_count:
            self.fail(suite.name, f'{len(suite.subtests)} of '
                      f'{suite.expected_count} test cases reported')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kunit-dir', required=True)
    ap.add_argument('--prefix', required=True)
    ap.add_argument('--expect-suite', action='append', default=[])
    ap.add_argument('--parser-log', default=None,
                    help='where kunit_parser\'s own output goes')
    ap.add_argument('log')
    args = ap.parse_args()

    sys.path.insert(0, args.kunit_dir)
    import kunit_parser
    import kunit_printer

    plog = open(args.parser_log or '/dev/null', 'w')
    kunit_parser.stdout = kunit_printer.Printer(plog)

    with open(args.log, errors='replace') as f:
        lines = f.readlines()
    root = kunit_parser.parse_run_tests(lines)
    plog.close()

    rep = Reporter(args.prefix, kunit_parser.TestStatus, skip_reasons(lines))
    ran = set()
    for suite in root.subtests:
        ran.add(suite.name)
        rep.suite(suite)
    for name in args.expect_suite:
        if name not in ran:
            rep.fail(name, 'suite did not run (not built in, or its '
                     'KTAP output is missing)')
    if root.counts.errors or root.status == \
            kunit_parser.TestStatus.FAILURE_TO_PARSE_TESTS:
        rep.fail('ktap-parse', f'{root.counts.errors} KTAP parse '
                 'error(s); see the parser log')
    if rep.passed + rep.failed + rep.skipped == 0:
        rep.fail('tests-ran', 'no KUnit test ran')
    return 0 if rep.failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
