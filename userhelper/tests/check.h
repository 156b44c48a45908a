/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Result lines of the host unit tests:
 *   PASS: unit/host/xlatectl/<case>
 *   FAIL: unit/host/xlatectl/<case>: <reason>
 */
#ifndef XLATECTL_TESTS_CHECK_H
#define XLATECTL_TESTS_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "xlatectl.h"

static int check_failures;

static inline bool __printf(3, 4) check(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("PASS: unit/host/xlatectl/%s\n", name);
		return true;
	}
	printf("FAIL: unit/host/xlatectl/%s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	check_failures++;
	return false;
}

static inline int check_exit(void)
{
	fflush(stdout);
	return check_failures ? 1 : 0;
}

#endif /* XLATECTL_TESTS_CHECK_H */
