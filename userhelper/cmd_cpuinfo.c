// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl cpuinfo show | set FIELD VALUE | reset | sync [--dry-run|--raw]:
 * the profile behind the x86 view of /proc/cpuinfo.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cpuid_probe.h"
#include "dirlist.h"
#include "xlatectl.h"

static const char cpuinfo_usage[] =
	"usage: xlatectl cpuinfo show\n"
	"       xlatectl cpuinfo set FIELD VALUE\n"
	"       xlatectl cpuinfo reset\n"
	"       xlatectl cpuinfo sync [--dry-run | --raw]\n"
	"Show or change the profile translated programs see in /proc/cpuinfo\n"
	"(/sys/kernel/xlate/cpuinfo).  sync runs an x86-64 CPUID probe through\n"
	"the configured runtime and sets vendor_id, model_name, cpu_family,\n"
	"model, stepping, cpuid_level, flags, clflush_size, cache_alignment,\n"
	"phys_bits and virt_bits to what it reports; --dry-run only prints\n"
	"them, --raw prints the probe's CPUID registers.\n";

static int field_path(char *buf, size_t size, const char *field)
{
	char abs[PATH_BUF];

	snprintf(abs, sizeof(abs), "%s/%s", XLATE_SYSFS_CPUINFO, field);
	sys_path(buf, size, abs);
	return 0;
}

static int write_field(const char *field, const char *value)
{
	char path[PATH_BUF], what[VALUE_BUF];
	bool at_open;
	int err;

	field_path(path, sizeof(path), field);
	err = write_value(path, value, &at_open);
	if (!err)
		return 0;
	snprintf(what, sizeof(what), "cpuinfo set %s '%s'", field, value);
	/* a field the module does not have is no file at all */
	report_write_error(what, -err, at_open && err != -ENOENT,
			   cpuinfo_errmsg);
	return -1;
}

static int cpuinfo_show(void)
{
	struct kv_list l;
	char dir[PATH_BUF];
	int i;

	sys_path(dir, sizeof(dir), XLATE_SYSFS_CPUINFO);
	if (kv_read_dir(&l, dir, cpuinfo_fields, "reset")) {
		fprintf(stderr, "xlatectl: cannot read %s\n", dir);
		return EXIT_FAIL;
	}
	for (i = 0; i < l.n; i++)
		printf("%s=%s\n", l.kv[i].name, l.kv[i].value);
	kv_free(&l);
	return EXIT_OK;
}

/* The fields sync sets, as name/value text; returns how many. */
static int sync_values(const struct cpu_identity *id, char vals[][2][4200])
{
	int n = 0;

#define PUT(name, ...)	do {						\
		snprintf(vals[n][0], sizeof(vals[n][0]), "%s", name);	\
		snprintf(vals[n][1], sizeof(vals[n][1]), __VA_ARGS__);	\
		n++;							\
	} while (0)
	PUT("vendor_id", "%s", id->vendor_id);
	if (*id->model_name)
		PUT("model_name", "%s", id->model_name);
	PUT("cpu_family", "%u", id->family);
	PUT("model", "%u", id->model);
	PUT("stepping", "%u", id->stepping);
	PUT("cpuid_level", "%u", id->cpuid_level);
	PUT("flags", "%s", id->flags);
	/* only what the profile can hold (cpuinfo_profile.c's ranges) */
	if (id->clflush_size >= 8 && id->clflush_size <= 2040) {
		PUT("clflush_size", "%u", id->clflush_size);
		PUT("cache_alignment", "%u", id->clflush_size);
	}
	if (id->phys_bits >= 32 && id->phys_bits <= 52)
		PUT("phys_bits", "%u", id->phys_bits);
	if (id->virt_bits >= 32 && id->virt_bits <= 57)
		PUT("virt_bits", "%u", id->virt_bits);
#undef PUT
	return n;
}

static int cpuinfo_sync(int argc, char **argv)
{
	static char vals[16][2][4200];
	struct cpuid_rec recs[CPUID_PROBE_NRECS];
	struct cpu_identity id;
	bool dry = false, raw = false;
	char why[512];
	int i, n;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run"))
			dry = true;
		else if (!strcmp(argv[i], "--raw"))
			raw = true;
		else
			return usage_error("cpuinfo sync",
					   "unknown argument '%s'", argv[i]);
	}
	if (!dry && !raw && !module_loaded())
		return not_loaded();
	if (cpuid_probe_run(recs, why, sizeof(why))) {
		fprintf(stderr, "xlatectl: cpuinfo sync: %s\n", why);
		return EXIT_FAIL;
	}
	if (raw) {
		for (i = 0; i < CPUID_PROBE_NRECS; i++)
			printf("%08x:%u eax=%08x ebx=%08x ecx=%08x edx=%08x\n",
			       recs[i].leaf, recs[i].subleaf, recs[i].eax,
			       recs[i].ebx, recs[i].ecx, recs[i].edx);
		return EXIT_OK;
	}
	cpuid_identify(recs, &id);
	n = sync_values(&id, vals);
	for (i = 0; i < n; i++) {
		if (!dry && write_field(vals[i][0], vals[i][1]))
			return EXIT_FAIL;
		printf("%s=%s\n", vals[i][0], vals[i][1]);
	}
	return EXIT_OK;
}

/**
 * cmd_cpuinfo() - xlatectl cpuinfo show|set|reset|sync
 * @argc: number of arguments, the command name included
 * @argv: the arguments; @argv[0] is "cpuinfo"
 *
 * Return: the exit code (xlatectl.8, EXIT STATUS).
 */
int cmd_cpuinfo(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	bool at_open;
	char path[PATH_BUF];
	int err;

	if (argc < 2)
		return usage_error("cpuinfo", "expected show, set, reset or sync");
	if (is_help(sub) || (argc > 2 && is_help(argv[2]))) {
		fputs(cpuinfo_usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(sub, "sync"))
		return cpuinfo_sync(argc, argv);
	if (!strcmp(sub, "show")) {
		if (argc != 2)
			return usage_error("cpuinfo show", "too many arguments");
	} else if (!strcmp(sub, "set")) {
		if (argc != 4)
			return usage_error("cpuinfo set",
					   "expected FIELD and VALUE");
		if (strchr(argv[2], '/') || !strcmp(argv[2], "reset") ||
		    argv[2][0] == '.')
			return usage_error("cpuinfo set", "unknown field '%s'",
					   argv[2]);
	} else if (!strcmp(sub, "reset")) {
		if (argc != 2)
			return usage_error("cpuinfo reset", "too many arguments");
	} else {
		return usage_error("cpuinfo", "unknown subcommand '%s'", sub);
	}
	if (!module_loaded())
		return not_loaded();
	if (!strcmp(sub, "show"))
		return cpuinfo_show();
	if (!strcmp(sub, "set"))
		return write_field(argv[2], argv[3]) ? EXIT_FAIL : EXIT_OK;
	field_path(path, sizeof(path), "reset");
	err = write_value(path, "1", &at_open);
	if (err) {
		report_write_error("cpuinfo reset", -err, at_open,
				   cpuinfo_errmsg);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
