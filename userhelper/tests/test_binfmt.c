// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_misc registrations: parsing /proc/sys/fs/binfmt_misc/<name>
 * and deciding which ones would take x86-64 ELF files.
 */
#include <errno.h>
#include <string.h>

#include "binfmt.h"
#include "check.h"

/* As Debian's qemu-user-static registers x86_64 (and i386, aarch64). */
#define QEMU_X86_64							\
	"enabled\n"							\
	"interpreter /usr/bin/qemu-x86_64-static\n"			\
	"flags: PF\n"							\
	"offset 0\n"							\
	"magic 7f454c4602010100000000000000000002003e00\n"		\
	"mask fffffffffffefe00fffffffffffffffffeffffff\n"
#define QEMU_I386							\
	"enabled\n"							\
	"interpreter /usr/bin/qemu-i386-static\n"			\
	"flags: PF\n"							\
	"offset 0\n"							\
	"magic 7f454c4601010100000000000000000002000300\n"		\
	"mask fffffffffffefe00fffffffffffffffffeffffff\n"
#define QEMU_AARCH64							\
	"enabled\n"							\
	"interpreter /usr/bin/qemu-aarch64-static\n"			\
	"flags: PF\n"							\
	"offset 0\n"							\
	"magic 7f454c460201010000000000000000000200b700\n"		\
	"mask ffffffffffffff00fffffffffffffffffeffffff\n"

struct parse_case {
	const char *name;
	const char *text;
	int ret;		/* of binfmt_parse() */
	bool enabled;
	bool claims;		/* binfmt_claims_x86_64() */
};

static const struct parse_case cases[] = {
	{ "binfmt/qemu-x86_64-claims", QEMU_X86_64, 0, true, true },
	{ "binfmt/qemu-i386-not", QEMU_I386, 0, true, false },
	{ "binfmt/qemu-aarch64-not", QEMU_AARCH64, 0, true, false },
	{ "binfmt/disabled-still-parsed", "disabled\n"
	  "interpreter /usr/bin/qemu-x86_64-static\nflags:\x20\noffset 0\n"
	  "magic 7f454c4602010100000000000000000002003e00\n"
	  "mask fffffffffffefe00fffffffffffffffffeffffff\n", 0, false, true },
	/* no mask: the magic must equal the header exactly */
	{ "binfmt/no-mask-exact-exec", "enabled\ninterpreter /x\nflags:\x20\n"
	  "offset 0\nmagic 7f454c4602010100000000000000000002003e00\n",
	  0, true, true },
	{ "binfmt/no-mask-pie-only", "enabled\ninterpreter /x\nflags:\x20\n"
	  "offset 0\nmagic 7f454c4602010100000000000000000003003e00\n",
	  0, true, true },
	{ "binfmt/no-mask-wrong-osabi", "enabled\ninterpreter /x\nflags:\x20\n"
	  "offset 0\nmagic 7f454c4602010103\n", 0, true, false },
	/* just e_machine, at its offset */
	{ "binfmt/offset-18-machine", "enabled\ninterpreter /box64\n"
	  "flags: F\noffset 18\nmagic 3e00\n", 0, true, true },
	{ "binfmt/offset-18-other-machine", "enabled\ninterpreter /x\n"
	  "flags: F\noffset 18\nmagic b700\n", 0, true, false },
	{ "binfmt/masked-out-everything", "enabled\ninterpreter /x\n"
	  "flags:\x20\noffset 0\nmagic 00000000\nmask 00000000\n",
	  0, true, true },
	{ "binfmt/pe-mz-not", "enabled\ninterpreter /usr/bin/wine\n"
	  "flags:\x20\noffset 0\nmagic 4d5a\n", 0, true, false },
	/* binfmt_misc never shows one: offset and magic past 256 bytes */
	{ "binfmt/beyond-buffer-refused", "enabled\ninterpreter /x\nflags:\x20\n"
	  "offset 255\nmagic 0000\n", -EINVAL, false, false },
	{ "binfmt/last-byte", "enabled\ninterpreter /x\nflags:\x20\n"
	  "offset 255\nmagic 00\n", 0, true, true },
	{ "binfmt/extension-not", "enabled\ninterpreter /usr/bin/mono\n"
	  "flags:\x20\nextension .exe\n", 0, true, false },
	{ "binfmt/bad-hex", "enabled\ninterpreter /x\nflags:\x20\noffset 0\n"
	  "magic 7f45zz\n", -EINVAL, false, false },
	{ "binfmt/odd-hex", "enabled\ninterpreter /x\nflags:\x20\noffset 0\n"
	  "magic 7f4\n", -EINVAL, false, false },
	{ "binfmt/mask-length-differs", "enabled\ninterpreter /x\nflags:\x20\n"
	  "offset 0\nmagic 7f45\nmask ff\n", -EINVAL, false, false },
	{ "binfmt/no-state-line", "interpreter /x\nmagic 7f45\n",
	  -EINVAL, false, false },
	{ "binfmt/not-an-entry", "", -EINVAL, false, false },
};

int main(void)
{
	struct binfmt_entry e;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct parse_case *c = &cases[i];
		int ret = binfmt_parse(c->text, &e);

		if (ret != c->ret) {
			check(c->name, false, "binfmt_parse() returned %d, expected %d",
			      ret, c->ret);
			continue;
		}
		if (ret) {
			check(c->name, true, " ");
			continue;
		}
		check(c->name, e.enabled == c->enabled &&
		      binfmt_claims_x86_64(&e) == c->claims,
		      "enabled %d claims %d, expected %d %d", e.enabled,
		      binfmt_claims_x86_64(&e), c->enabled, c->claims);
	}
	binfmt_parse(QEMU_X86_64, &e);
	check("binfmt/fields", !strcmp(e.interpreter,
				       "/usr/bin/qemu-x86_64-static") &&
	      !strcmp(e.flags, "PF") && e.m.offset == 0 && e.m.size == 20 &&
	      e.m.has_mask && e.m.magic[18] == 0x3e && e.m.mask[16] == 0xfe,
	      "interpreter '%s' flags '%s' offset %u size %u", e.interpreter,
	      e.flags, e.m.offset, e.m.size);
	return check_exit();
}
