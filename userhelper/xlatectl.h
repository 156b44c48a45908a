/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlatectl: declarations shared by its files.
 */
#ifndef XLATECTL_H
#define XLATECTL_H

/* The kernel's helpers, for code written in kernel style. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __printf
#define xlatectl_attribute(x) __attribute__(x)
#define __printf(a, b) xlatectl_attribute((format(printf, a, b)))
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../kmod/uapi/xlate.h"

/* Exit codes (xlatectl.8, EXIT STATUS). */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2
#define EXIT_NOT_LOADED	3

#define PATH_BUF	4352
#define VALUE_BUF	8192

/* paths.c: /sys and /proc, overridable for tests */
const char *sys_root(void);
const char *proc_root(void);
bool fake_roots(void);
void sys_path(char *buf, size_t size, const char *abs);
void proc_path(char *buf, size_t size, const char *abs);
void root_path(char *buf, size_t size, const char *abs);
int read_value(const char *path, char *buf, size_t size);
int write_value(const char *path, const char *value, bool *at_open);
bool module_loaded(void);
int module_version(char *buf, size_t size);

/* errmsg.c: errno names and what to do about them */
const char *errno_name(int err);
const char *open_errmsg(int err);
const char *runtime_errmsg(int err);
const char *switch_errmsg(int err);
const char *cpuinfo_errmsg(int err);
const char *config_errmsg(int err);
void report_write_error(const char *what, int err, bool at_open,
			const char *(*msg)(int err));
int not_loaded(void);

/* json.c: strings as JSON (UTF-8 as itself, other bytes as \udcXX) */
int utf8_len(const unsigned char *p);
void json_fputs(FILE *f, const char *s);
void json_string(const char *s);

/* lists of files, in the order design.rst gives them */
extern const char *const param_names[];
extern const char *const switch_names[];
extern const char *const stat_names[];
extern const char *const cpuinfo_fields[];
extern const char *const cpuinfo_write_only[];

int parse_onoff(const char *s);

/* procmaps.c: /proc/PID/stat fields, the file mapped at an address */
int stat_field(const char *stat, int field, unsigned long *out);
int maps_file_at(const char *maps, unsigned long addr, char *path,
		 size_t size);

/* commands; each returns an exit code */
int cmd_status(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_cpuinfo(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* cmd_cpuinfo.c: the profile from the runtime's CPUID */
int cpuinfo_sync_run(bool dry, bool quiet, char *why, size_t whysize);
void cpuinfo_sync_after(const char *what);

bool is_help(const char *arg);
int usage_error(const char *cmd, const char *fmt, ...) __printf(2, 3);

#endif /* XLATECTL_H */
