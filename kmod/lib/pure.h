/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Portability shim for xlate's pure logic (kmod/lib/).
 *
 * Files under kmod/lib/ depend on nothing but this header, so the same
 * source builds into the module, its KUnit suites, the host unit tests
 * and the fuzzers.  They use only standard C types (unsigned char,
 * unsigned int, size_t, bool), the str and mem functions, snprintf and
 * vsnprintf, and errno values, which both environments provide.
 */
#ifndef XLATE_LIB_PURE_H
#define XLATE_LIB_PURE_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#ifndef __printf
/* What <linux/compiler_attributes.h> defines, for the host build. */
#define xlate_host_attribute(x) __attribute__(x)
#define __printf(a, b) xlate_host_attribute((format(printf, a, b)))
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif

#endif /* XLATE_LIB_PURE_H */
