/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal host unit-test harness for xlate's pure logic (kmod/lib/).
 *
 * A test program is one test_<name>.c that includes this header and
 * registers functions with UNIT_TEST().  Each registered function is a
 * case named after it; a table-driven test may call unit_case() to
 * start a new case per row instead.  Every case prints one line:
 *
 *   PASS: unit/host/<name>/<case>
 *   FAIL: unit/host/<name>/<case>: <first failed check>
 *
 * A case that makes no CHECK() at all fails, so an empty test can
 * never look green.  The program exits 1 if any case failed.
 */
#ifndef XLATE_UNIT_H
#define XLATE_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif

#define UNIT_MAX_TESTS	64
#define UNIT_NAME_LEN	160
#define UNIT_MSG_LEN	320

struct unit_test {
	const char *name;
	void (*fn)(void);
};

static struct unit_test unit_tests[UNIT_MAX_TESTS];
static int unit_ntests;

static struct {
	char name[UNIT_NAME_LEN];
	char msg[UNIT_MSG_LEN];
	int open;
	int checks;
	int failed;
} unit_cur;

static int unit_passed, unit_failed_cases;

/* Test name from the main source file: test_elf_x86.c -> elf_x86. */
static const char *unit_program(void)
{
	static char buf[UNIT_NAME_LEN];
	const char *p = strrchr(__BASE_FILE__, '/');
	size_t n;

	p = p ? p + 1 : __BASE_FILE__;
	if (!strncmp(p, "test_", 5))
		p += 5;
	snprintf(buf, sizeof(buf), "%s", p);
	n = strlen(buf);
	if (n > 2 && !strcmp(buf + n - 2, ".c"))
		buf[n - 2] = '\0';
	return buf;
}

static void unit_case_end(void)
{
	if (!unit_cur.open)
		return;
	unit_cur.open = 0;
	if (!unit_cur.failed && !unit_cur.checks) {
		unit_cur.failed = 1;
		snprintf(unit_cur.msg, sizeof(unit_cur.msg), "no checks ran");
	}
	if (unit_cur.failed) {
		printf("FAIL: unit/host/%s/%s: %s\n", unit_program(),
		       unit_cur.name, unit_cur.msg);
		unit_failed_cases++;
	} else {
		printf("PASS: unit/host/%s/%s\n", unit_program(),
		       unit_cur.name);
		unit_passed++;
	}
	fflush(stdout);
}

static void unit_case_begin(const char *name)
{
	unit_case_end();
	snprintf(unit_cur.name, sizeof(unit_cur.name), "%s", name);
	unit_cur.msg[0] = '\0';
	unit_cur.open = 1;
	unit_cur.checks = 0;
	unit_cur.failed = 0;
}

/*
 * unit_case() - start a new case named "<test>/<fmt...>" inside the
 * running test; a test's own (implicit) case is dropped if it made no
 * checks before the first unit_case().
 */
static void __printf(1, 2) __attribute__((unused))
unit_case(const char *fmt, ...)
{
	static char base[UNIT_NAME_LEN];
	char name[UNIT_NAME_LEN];
	char sub[UNIT_NAME_LEN];
	va_list ap;
	char *slash;

	snprintf(base, sizeof(base), "%s", unit_cur.name);
	slash = strchr(base, '/');
	if (slash)
		*slash = '\0';
	if (unit_cur.open && !unit_cur.checks && !unit_cur.failed &&
	    !slash)
		unit_cur.open = 0;
	va_start(ap, fmt);
	vsnprintf(sub, sizeof(sub), fmt, ap);
	va_end(ap);
	snprintf(name, sizeof(name), "%.60s/%.90s", base, sub);
	unit_case_begin(name);
}

static int __printf(5, 6)
unit_check(int ok, const char *expr, const char *file, int line,
	   const char *fmt, ...)
{
	va_list ap;
	int n;

	unit_cur.checks++;
	if (ok)
		return 1;
	if (!unit_cur.failed) {
		const char *base = strrchr(file, '/');

		n = snprintf(unit_cur.msg, sizeof(unit_cur.msg),
			     "%s:%d: %s: ", base ? base + 1 : file, line,
			     expr);
		if (n > 0 && (size_t)n < sizeof(unit_cur.msg)) {
			va_start(ap, fmt);
			vsnprintf(unit_cur.msg + n, sizeof(unit_cur.msg) - n,
				  fmt, ap);
			va_end(ap);
		}
	}
	unit_cur.failed = 1;
	return 0;
}

/* CHECK(cond, fmt, ...): record a failure of the current case. */
#define CHECK(cond, ...) \
	unit_check(!!(cond), #cond, __FILE__, __LINE__, __VA_ARGS__)

#define UNIT_TEST(fn)							\
	static void fn(void);						\
	static void __attribute__((constructor)) unit_reg_##fn(void)	\
	{								\
		if (unit_ntests < UNIT_MAX_TESTS)			\
			unit_tests[unit_ntests++] =			\
				(struct unit_test){ #fn, fn };		\
	}								\
	static void fn(void)

int main(void)
{
	int i;

	if (!unit_ntests) {
		printf("FAIL: unit/host/%s/registered: no tests\n",
		       unit_program());
		return 1;
	}
	for (i = 0; i < unit_ntests; i++) {
		unit_case_begin(unit_tests[i].name);
		unit_tests[i].fn();
		unit_case_end();
	}
	return unit_failed_cases ? 1 : 0;
}

#endif /* XLATE_UNIT_H */
