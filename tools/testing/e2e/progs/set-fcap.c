// SPDX-License-Identifier: GPL-2.0
/*
 * set-fcap: file capabilities without libcap (the VM has no setcap).
 *
 *   set-fcap FILE CAPS+FLAGS   set a VFS_CAP_REVISION_2 security.capability
 *                              xattr with setxattr(2); prints "ok"
 *   set-fcap -r FILE           remove it; prints "ok"
 *   set-fcap -g FILE           print it: "none", or
 *                              "v2 e=E p=PERMITTED i=INHERITABLE"
 *                              (v3 adds " rootid=N"), masks as 16 hex
 *                              digits like CapEff in /proc/PID/status
 *
 * CAPS is a comma-separated list of capability names (cap_net_raw, or
 * net_raw) or numbers, or one hex mask (0x2000); FLAGS is one or more of
 * e (effective), p (permitted), i (inheritable), as in setcap's
 * "cap_net_raw+ep".  Exits 0 on success, 1 when the system call fails
 * (the message names the file and the errno), 2 on bad usage.
 */
#include <endian.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/xattr.h>

#include "progs.h"

#define FCAP_XATTR "security.capability"

/* Index = capability number, as in linux/capability.h. */
static const char *const cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

static void bad_usage(void)
{
	fprintf(stderr,
		"usage: set-fcap FILE CAPS+FLAGS | -r FILE | -g FILE\n"
		"  CAPS: cap_name[,cap_name...], numbers, or a 0x hex mask\n"
		"  FLAGS: one or more of e p i\n");
	exit(2);
}

static void bad_spec(const char *spec, const char *why)
{
	fprintf(stderr, "set-fcap: bad capability spec '%s': %s\n", spec, why);
	exit(2);
}

/* One capability name or number of a list; exits on a bad one. */
static unsigned int cap_number(const char *spec, const char *name)
{
	unsigned int i;
	char *end;
	long n;

	if (!strncmp(name, "cap_", 4))
		name += 4;
	for (i = 0; i < ARRAY_SIZE(cap_names); i++)
		if (!strcmp(name, cap_names[i]))
			return i;
	errno = 0;
	n = strtol(name, &end, 10);
	if (*name && !*end && !errno && n >= 0 && n < 64)
		return n;
	bad_spec(spec, "unknown capability");
	return 0;
}

/* Parse CAPS+FLAGS into a 64-bit mask and the flag letters. */
static void parse_spec(const char *spec, uint64_t *mask, int *eff, int *prm,
		       int *inh)
{
	char *caps = strdup(spec), *flags, *name, *save, *end;

	if (!caps)
		bad_spec(spec, "out of memory");
	flags = strrchr(caps, '+');
	if (!flags || flags == caps || !flags[1])
		bad_spec(spec, "expected CAPS+FLAGS");
	*flags++ = '\0';
	*eff = *prm = *inh = 0;
	for (; *flags; flags++) {
		switch (*flags) {
		case 'e':
			*eff = 1;
			break;
		case 'p':
			*prm = 1;
			break;
		case 'i':
			*inh = 1;
			break;
		default:
			bad_spec(spec, "flags are e, p and i");
		}
	}
	*mask = 0;
	if (!strncmp(caps, "0x", 2)) {
		errno = 0;
		*mask = strtoull(caps + 2, &end, 16);
		if (!caps[2] || *end || errno)
			bad_spec(spec, "bad hex mask");
	} else {
		for (name = strtok_r(caps, ",", &save); name;
		     name = strtok_r(NULL, ",", &save))
			*mask |= 1ULL << cap_number(spec, name);
	}
	if (!*mask)
		bad_spec(spec, "no capability");
	free(caps);
}

static int set_caps(const char *file, const char *spec)
{
	struct vfs_cap_data data;
	int eff, prm, inh;
	uint64_t mask;
	uint64_t p, i;

	parse_spec(spec, &mask, &eff, &prm, &inh);
	p = prm ? mask : 0;
	i = inh ? mask : 0;
	memset(&data, 0, sizeof(data));
	data.magic_etc = htole32(VFS_CAP_REVISION_2 |
				 (eff ? VFS_CAP_FLAGS_EFFECTIVE : 0));
	data.data[0].permitted = htole32((uint32_t)p);
	data.data[0].inheritable = htole32((uint32_t)i);
	data.data[1].permitted = htole32((uint32_t)(p >> 32));
	data.data[1].inheritable = htole32((uint32_t)(i >> 32));
	if (setxattr(file, FCAP_XATTR, &data, XATTR_CAPS_SZ_2, 0)) {
		fprintf(stderr, "set-fcap: setxattr(%s, %s): %s\n", file,
			FCAP_XATTR, err_name(errno));
		return 1;
	}
	printf("ok\n");
	return 0;
}

static int remove_caps(const char *file)
{
	if (removexattr(file, FCAP_XATTR)) {
		fprintf(stderr, "set-fcap: removexattr(%s, %s): %s\n", file,
			FCAP_XATTR, err_name(errno));
		return 1;
	}
	printf("ok\n");
	return 0;
}

static int show_caps(const char *file)
{
	struct vfs_ns_cap_data data;
	uint64_t p, i;
	uint32_t magic;
	ssize_t n;

	memset(&data, 0, sizeof(data));
	n = getxattr(file, FCAP_XATTR, &data, sizeof(data));
	if (n < 0 && errno == ENODATA) {
		printf("none\n");
		return 0;
	}
	if (n < 0) {
		fprintf(stderr, "set-fcap: getxattr(%s, %s): %s\n", file,
			FCAP_XATTR, err_name(errno));
		return 1;
	}
	magic = le32toh(data.magic_etc);
	p = le32toh(data.data[0].permitted) |
	    (uint64_t)le32toh(data.data[1].permitted) << 32;
	i = le32toh(data.data[0].inheritable) |
	    (uint64_t)le32toh(data.data[1].inheritable) << 32;
	switch (magic & VFS_CAP_REVISION_MASK) {
	case VFS_CAP_REVISION_2:
		if (n != XATTR_CAPS_SZ_2)
			break;
		printf("v2 e=%d p=%016llx i=%016llx\n",
		       !!(magic & VFS_CAP_FLAGS_EFFECTIVE),
		       (unsigned long long)p, (unsigned long long)i);
		return 0;
	case VFS_CAP_REVISION_3:
		if (n != XATTR_CAPS_SZ_3)
			break;
		printf("v3 e=%d p=%016llx i=%016llx rootid=%u\n",
		       !!(magic & VFS_CAP_FLAGS_EFFECTIVE),
		       (unsigned long long)p, (unsigned long long)i,
		       le32toh(data.rootid));
		return 0;
	}
	fprintf(stderr, "set-fcap: %s: %s of %zd bytes, magic 0x%08x: not v2 or v3\n",
		file, FCAP_XATTR, n, magic);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		bad_usage();
	if (!strcmp(argv[1], "-r"))
		return remove_caps(argv[2]);
	if (!strcmp(argv[1], "-g"))
		return show_caps(argv[2]);
	if (argv[1][0] == '-')
		bad_usage();
	return set_caps(argv[1], argv[2]);
}
