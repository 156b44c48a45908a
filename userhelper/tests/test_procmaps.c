// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/PID/stat fields and the file mapped at an address (procmaps.c),
 * which xlatectl ps uses to name a translated task's runtime.
 */
#include <string.h>

#include "check.h"
#include "xlatectl.h"

/* A qemu task's first 27 fields; comm with a space and a ')'. */
static const char stat_text[] =
	"412 (sl) ep) S 1 412 1 0 -1 4194560 1043 0 0 0 3 1 0 0 20 0 2 0 9 0 7 0 4194304 9109048\n";

static const char maps_text[] =
	"00400000-008b0000 r-xp 00000000 00:02 1130 /usr/bin/qemu-x86_64-static\n"
	"008c0000-008f0000 rw-p 004b0000 00:02 1130 /usr/bin/qemu-x86_64-static\n"
	"01670000-01690000 rw-p 00000000 00:00 0 [heap]\n"
	"4000000000-4000001000 r--p 00000000 00:02 2201 /x86/bin/my prog\n"
	"ffffd5a00000-ffffd5a21000 rw-p 00000000 00:00 0 [stack]";

/* The file maps_text maps at @addr, or "-" for none. */
static const char *at(unsigned long addr)
{
	static char path[64];

	return maps_file_at(maps_text, addr, path, sizeof(path)) ? "-" : path;
}

int main(void)
{
	unsigned long v = 0;
	char buf[8];

	check("procmaps/stat-startcode", !stat_field(stat_text, 26, &v) &&
	      v == 4194304, "got %lu", v);
	check("procmaps/stat-ppid", !stat_field(stat_text, 4, &v) && v == 1,
	      "got %lu", v);
	check("procmaps/stat-last", !stat_field(stat_text, 27, &v) &&
	      v == 9109048, "got %lu", v);
	check("procmaps/stat-past-end", stat_field(stat_text, 28, &v) == -1,
	      "field 28 should not exist");
	check("procmaps/stat-state-not-numeric",
	      stat_field(stat_text, 3, &v) == -1, "S is not a number");
	check("procmaps/stat-no-paren", stat_field("1 sh S 0", 4, &v) == -1,
	      "no ')' should fail");
	check("procmaps/stat-comm-field", stat_field(stat_text, 2, &v) == -1,
	      "field 2 is comm");
	check("procmaps/maps-runtime",
	      !strcmp(at(4194304), "/usr/bin/qemu-x86_64-static"), "got %s",
	      at(4194304));
	check("procmaps/maps-space-in-path",
	      !strcmp(at(0x4000000800UL), "/x86/bin/my prog"), "got %s",
	      at(0x4000000800UL));
	check("procmaps/maps-anonymous", !strcmp(at(0x1670000), "-"),
	      "heap is not a file");
	check("procmaps/maps-last-line-no-newline",
	      !strcmp(at(0xffffd5a00000UL), "-"), "stack is not a file");
	check("procmaps/maps-unmapped", !strcmp(at(0x10), "-"),
	      "nothing at 0x10");
	check("procmaps/maps-end-exclusive", !strcmp(at(0x8b0000), "-"),
	      "0x8b0000 is past the first range");
	check("procmaps/maps-empty", maps_file_at("", 1, buf, sizeof(buf)) == -1,
	      "empty maps");
	return check_exit();
}
