/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cpuinfo profile as sysfs sees it: a default, Rosetta's template,
 * one text field per file under /sys/kernel/xlate/cpuinfo/ and a whole
 * profile in one write, each validated completely before anything
 * changes.
 */
#ifndef XLATE_LIB_CPUINFO_PROFILE_H
#define XLATE_LIB_CPUINFO_PROFILE_H

#include "cpuinfo_render.h"

/* Longest value a field accepts, trailing newline excluded. */
#define XLATE_PROFILE_VALUE_MAX		4000U
/* Bytes xlate_profile_show() may need, the NUL included. */
#define XLATE_PROFILE_SHOW_MAX		4096U

extern const struct xlate_cpuinfo_profile xlate_cpuinfo_default_profile;
extern const struct xlate_cpuinfo_profile xlate_cpuinfo_rosetta_profile;
extern const char * const xlate_profile_fields[];
extern const unsigned int xlate_profile_nfields;

int xlate_profile_set(struct xlate_cpuinfo_profile *p, const char *field,
		      const char *value);
int xlate_profile_load(struct xlate_cpuinfo_profile *p, const char *text,
		       size_t len, const char **runtime, size_t *runtime_len,
		       unsigned int *bad_line);
bool xlate_runtime_is_rosetta(const char *path);
int xlate_profile_show(const struct xlate_cpuinfo_profile *p,
		       const char *field, char *buf, size_t size);

#endif /* XLATE_LIB_CPUINFO_PROFILE_H */
