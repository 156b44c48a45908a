// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl cpuinfo show | set FIELD VALUE | reset | sync [--dry-run|--raw]:
 * the profile behind the x86 view of /proc/cpuinfo.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	"phys_bits and virt_bits to what it reports, in one write that the\n"
	"kernel ties to that runtime (under Rosetta: Rosetta's template);\n"
	"--dry-run only prints them, --raw prints the probe's CPUID registers.\n"
	"The probe gets the caller's QEMU_*, BOX64_*, BOX86_* and FEX_*\n"
	"variables.  import and set runtime run sync themselves.\n";

/* The kernel's rule (xlate_runtime_is_rosetta()): the file name decides. */
static bool is_rosetta(const char *path)
{
	const char *base = strrchr(path, '/');

	return !strcmp(base ? base + 1 : path, "rosetta");
}

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
	if (kv_read_dir(&l, dir, cpuinfo_fields, cpuinfo_write_only)) {
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
	/* without a brand string the kernel prints "unknown", as "" does */
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
	/* without leaf 0x80000008 the kernel assumes 36 and 48 bits */
	if (!id->phys_bits && !id->virt_bits) {
		PUT("phys_bits", "36");
		PUT("virt_bits", "48");
	}
	if (id->phys_bits >= 32 && id->phys_bits <= 52)
		PUT("phys_bits", "%u", id->phys_bits);
	if (id->virt_bits >= 32 && id->virt_bits <= 57)
		PUT("virt_bits", "%u", id->virt_bits);
#undef PUT
	return n;
}

/*
 * The probe's environment: the caller's variables that the runtimes
 * read for the CPU they emulate (QEMU_CPU, BOX64_AVX, FEX_...), so the
 * profile describes what programs started with the same settings see.
 */
static char **probe_env(void)
{
	static const char *const prefixes[] = {
		"QEMU_", "BOX64_", "BOX86_", "FEX_", NULL,
	};
	static char *env[256];
	int i, j, n = 0;

	for (i = 0; environ && environ[i] && n < 255; i++)
		for (j = 0; prefixes[j]; j++)
			if (!strncmp(environ[i], prefixes[j],
				     strlen(prefixes[j]))) {
				env[n++] = environ[i];
				break;
			}
	env[n] = NULL;
	return env;
}

/* The configured x86-64 runtime into @buf ("" for none); -1 unreadable. */
static int configured_runtime(char *buf, size_t size)
{
	char path[PATH_BUF];

	sys_path(path, sizeof(path), XLATE_SYSFS_PARAMS "/runtime");
	return read_value(path, buf, size) ? -1 : 0;
}

/*
 * Write the whole profile in one write, marked with the runtime it was
 * measured under: the kernel refuses it (ESTALE) when that is no longer
 * the configured one.  Return: 0 or -errno.
 */
static int write_profile(const char *runtime, char vals[][2][4200], int n,
			 bool *at_open)
{
	static char text[16 * 4300 + PATH_BUF];
	char path[PATH_BUF];
	size_t len;
	int i;

	len = snprintf(text, sizeof(text), "runtime=%s", runtime);
	for (i = 0; i < n && len < sizeof(text); i++)
		len += snprintf(text + len, sizeof(text) - len, "\n%s=%s",
				vals[i][0], vals[i][1]);
	*at_open = false;
	if (len >= sizeof(text))
		return -E2BIG;
	field_path(path, sizeof(path), "profile");
	return write_value(path, text, at_open);
}

/* Why a write to cpuinfo/@file failed, as xlatectl says it elsewhere. */
static void write_why(char *why, size_t whysize, const char *file, int err,
		      bool at_open)
{
	const char *s = at_open ? open_errmsg(-err) : cpuinfo_errmsg(-err);

	snprintf(why, whysize, "writing cpuinfo/%s: %s (%s)", file,
		 s ? s : strerror(-err), errno_name(-err));
}

/* A summary of the identity for one line of output. */
static void identity_line(const struct cpu_identity *id, char *buf,
			  size_t size)
{
	snprintf(buf, size, "%s, family %u, model %u", id->vendor_id,
		 id->family, id->model);
}

/**
 * cpuinfo_sync_run() - make the profile what the runtime's CPUID says
 * @dry: only print what would be written
 * @quiet: print one summary line instead of the fields
 * @why: on failure, a sentence saying what went wrong
 * @whysize: bytes of @why
 *
 * Runs the CPUID probe through the configured x86-64 runtime and writes
 * the result to /sys/kernel/xlate/cpuinfo/profile in one write, tied to
 * that runtime.  If the runtime changed while the probe ran, the kernel
 * refuses the write and the probe runs once more.  For Rosetta, whose
 * own /proc/cpuinfo text xlate ships as the profile, the stored profile
 * is reset instead, so that template is in effect.
 *
 * Return: 0, or -1 with @why set.
 */
int cpuinfo_sync_run(bool dry, bool quiet, char *why, size_t whysize)
{
	static char vals[16][2][4200];
	struct cpuid_rec recs[CPUID_PROBE_NRECS];
	char runtime[PATH_BUF], again[PATH_BUF], line[128], path[PATH_BUF];
	struct cpu_identity id;
	int i, n, err = 0, attempt;
	bool at_open;

	for (attempt = 0; attempt < 2; attempt++) {
		/* a dry run also works without xlate (natively on x86-64) */
		if (configured_runtime(runtime, sizeof(runtime)) && !dry) {
			snprintf(why, whysize, "cannot read %s/runtime",
				 XLATE_SYSFS_PARAMS);
			return -1;
		}
		if (!*runtime && !dry) {
			snprintf(why, whysize, "no x86-64 runtime is configured");
			return -1;
		}
		if (*runtime && is_rosetta(runtime)) {
			field_path(path, sizeof(path), "reset");
			err = dry ? 0 : write_value(path, "1", &at_open);
			if (err) {
				write_why(why, whysize, "reset", err, at_open);
				return -1;
			}
			printf("%s: Rosetta: its own /proc/cpuinfo template is in effect\n",
			       runtime);
			return 0;
		}
		if (cpuid_probe_run(recs, probe_env(), why, whysize))
			return -1;
		cpuid_identify(recs, &id);
		n = sync_values(&id, vals);
		if (dry)
			break;
		err = write_profile(runtime, vals, n, &at_open);
		if (err != -ESTALE)
			break;
		/* the runtime changed under the probe: measure the new one */
		if (configured_runtime(again, sizeof(again)) ||
		    !strcmp(again, runtime))
			break;
	}
	if (err) {
		write_why(why, whysize, "profile", err, at_open);
		return -1;
	}
	if (quiet) {
		identity_line(&id, line, sizeof(line));
		printf("cpuinfo %s %s's CPUID: %s\n",
		       dry ? "would be set from" : "set from", runtime, line);
		return 0;
	}
	for (i = 0; i < n; i++)
		printf("%s=%s\n", vals[i][0], vals[i][1]);
	return 0;
}

static int cpuinfo_sync(int argc, char **argv)
{
	struct cpuid_rec recs[CPUID_PROBE_NRECS];
	bool dry = false, raw = false;
	char why[512];
	int i;

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
	if (raw) {
		if (cpuid_probe_run(recs, probe_env(), why, sizeof(why))) {
			fprintf(stderr, "xlatectl: cpuinfo sync: %s\n", why);
			return EXIT_FAIL;
		}
		for (i = 0; i < CPUID_PROBE_NRECS; i++)
			printf("%08x:%u eax=%08x ebx=%08x ecx=%08x edx=%08x\n",
			       recs[i].leaf, recs[i].subleaf, recs[i].eax,
			       recs[i].ebx, recs[i].ecx, recs[i].edx);
		return EXIT_OK;
	}
	if (cpuinfo_sync_run(dry, false, why, sizeof(why))) {
		fprintf(stderr, "xlatectl: cpuinfo sync: %s\n", why);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/**
 * cpuinfo_sync_after() - sync after a configuration change, and say so
 * @what: the command, for the warning ("import", "set runtime")
 *
 * A failure does not undo the change; the kernel shows the default
 * profile (Rosetta's template for Rosetta) until a sync succeeds.
 */
void cpuinfo_sync_after(const char *what)
{
	char why[512];

	if (cpuinfo_sync_run(false, true, why, sizeof(why)))
		fprintf(stderr,
			"xlatectl: %s: warning: the configuration changed, but /proc/cpuinfo was not synced to the runtime's CPUID: %s; translated programs see the default profile until 'xlatectl cpuinfo sync' succeeds\n",
			what, why);
	fflush(stdout);
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
