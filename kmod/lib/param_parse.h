/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XLATE_LIB_PARAM_PARSE_H
#define XLATE_LIB_PARAM_PARSE_H

#include "pure.h"

/* Longest runtime path accepted, terminating NUL included (PATH_MAX). */
#define XLATE_RUNTIME_PATH_MAX	4096U

int xlate_parse_bool(const char *s, bool *out);
int xlate_parse_runtime_path(const char *s, char *out, size_t outlen);

#endif /* XLATE_LIB_PARAM_PARSE_H */
