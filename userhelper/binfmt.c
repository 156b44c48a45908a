// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing a binfmt_misc registration as /proc/sys/fs/binfmt_misc/<name>
 * shows it (fs/binfmt_misc.c's entry_status(): magic and mask in plain
 * hex), and deciding whether it would take an x86-64 ELF file, with the
 * matcher the module uses (kmod/lib/binfmt_line.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "binfmt.h"

/* Hex digits up to the end of the line into @out; returns the count. */
static int parse_hex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (*s && *s != '\n') {
		int hi = xlate_binfmt_hex_val(s[0]);
		int lo = hi < 0 ? -1 : xlate_binfmt_hex_val(s[1]);

		if (hi < 0 || lo < 0 || n == max)
			return -EINVAL;
		out[n++] = hi << 4 | lo;
		s += 2;
	}
	return n;
}

/* Does @line start with @key?  Then *@rest points past it. */
static bool prefixed(const char *line, const char *key, const char **rest)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n))
		return false;
	*rest = line + n;
	return true;
}

/**
 * binfmt_parse() - read one registration
 * @text: the file's contents
 * @e: filled in
 *
 * Return: 0, or -EINVAL for a file that does not look like one.
 */
int binfmt_parse(const char *text, struct binfmt_entry *e)
{
	const char *line = text, *v;
	bool have_magic = false, have_mask = false, have_state = false;
	unsigned char mask[XLATE_BINFMT_BUF_SIZE];
	int n, masklen = 0;

	memset(e, 0, sizeof(*e));
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (!strncmp(line, "enabled", len) && len == 7) {
			e->enabled = true;
			have_state = true;
		} else if (!strncmp(line, "disabled", len) && len == 8) {
			have_state = true;
		} else if (prefixed(line, "interpreter ", &v)) {
			snprintf(e->interpreter, sizeof(e->interpreter), "%.*s",
				 (int)(len - (v - line)), v);
		} else if (prefixed(line, "flags:", &v)) {
			while (*v == ' ')
				v++;
			snprintf(e->flags, sizeof(e->flags), "%.*s",
				 (int)(len - (v - line)), v);
		} else if (prefixed(line, "offset ", &v)) {
			char *end;
			unsigned long off;

			errno = 0;
			off = strtoul(v, &end, 10);
			if (end == v || errno || off >= XLATE_BINFMT_BUF_SIZE)
				return -EINVAL;
			e->m.offset = off;
		} else if (prefixed(line, "magic ", &v)) {
			n = parse_hex(v, e->m.magic, sizeof(e->m.magic));
			if (n < 0)
				return n;
			e->m.size = n;
			have_magic = true;
		} else if (prefixed(line, "mask ", &v)) {
			masklen = parse_hex(v, mask, sizeof(mask));
			if (masklen < 0)
				return masklen;
			have_mask = true;
		} else if (prefixed(line, "extension ", &v)) {
			e->extension = true;
		}
		line += len + (end ? 1 : 0);
	}
	if (!have_state || (!have_magic && !e->extension))
		return -EINVAL;
	if (have_mask && (unsigned int)masklen != e->m.size)
		return -EINVAL;
	if (e->m.offset + e->m.size > XLATE_BINFMT_BUF_SIZE)
		return -EINVAL;
	e->m.has_mask = have_mask;
	if (have_mask)
		memcpy(e->m.mask, mask, e->m.size);
	else
		memset(e->m.mask, 0xff, e->m.size);
	return 0;
}

static void put_le(unsigned char *p, unsigned long long v, int bytes)
{
	while (bytes--) {
		*p++ = v & 0xff;
		v >>= 8;
	}
}

/*
 * The first XLATE_BINFMT_BUF_SIZE bytes of a typical x86-64 executable
 * (@type 2) or PIE (@type 3): its ELF header and one PT_LOAD header.
 */
static void x86_64_header(unsigned char *buf, unsigned int type)
{
	memset(buf, 0, XLATE_BINFMT_BUF_SIZE);
	memcpy(buf, "\177ELF\x02\x01\x01", 7);	/* 64-bit, LSB, v1 */
	put_le(buf + 16, type, 2);			/* e_type */
	put_le(buf + 18, 62, 2);			/* e_machine */
	put_le(buf + 20, 1, 4);				/* e_version */
	put_le(buf + 24, type == 2 ? 0x401000 : 0x1000, 8); /* e_entry */
	put_le(buf + 32, 64, 8);			/* e_phoff */
	put_le(buf + 52, 64, 2);			/* e_ehsize */
	put_le(buf + 54, 56, 2);			/* e_phentsize */
	put_le(buf + 56, 1, 2);				/* e_phnum */
	put_le(buf + 58, 64, 2);			/* e_shentsize */
	put_le(buf + 64, 1, 4);				/* p_type PT_LOAD */
	put_le(buf + 68, 5, 4);				/* p_flags R+X */
}

/**
 * binfmt_claims_x86_64() - would @e take x86-64 ELF executables?
 * @e: a parsed registration (enabled or not)
 *
 * Tried against a typical executable and a typical PIE; either match
 * counts.
 *
 * Return: true if @e matches either of them.
 */
bool binfmt_claims_x86_64(const struct binfmt_entry *e)
{
	unsigned char buf[XLATE_BINFMT_BUF_SIZE];

	if (e->extension || !e->m.size)
		return false;
	x86_64_header(buf, 2);
	if (xlate_binfmt_match(&e->m, buf))
		return true;
	x86_64_header(buf, 3);
	return xlate_binfmt_match(&e->m, buf);
}
