// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_misc registration lines, ":name:type:offset:magic:mask:
 * interpreter:flags" (Documentation/admin-guide/binfmt-misc.rst), as
 * systemd-binfmt's binfmt.d files and /proc/sys/fs/binfmt_misc/register
 * take them.  xlate takes one to set its runtime and modes in one step,
 * so it accepts only lines whose magic and mask select x86-64 ELF
 * executables, or for runtime32 i386 ones: its own recogniser then
 * decides exec by exec.  Pure
 * logic, shared by the module, KUnit, the host tests, the fuzzer and
 * xlatectl.
 */
#include "binfmt_line.h"

/*
 * Reference headers, up to e_version: what the line must match (x86-64
 * executable and PIE) and must not (arm64, i386, x32).
 */
#define REF_LEN	24U

static const unsigned char ref_x86_64_exec[REF_LEN] = {
	0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 62, 0, 1, 0, 0, 0,
};

static const unsigned char ref_x86_64_dyn[REF_LEN] = {
	0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 0, 62, 0, 1, 0, 0, 0,
};

static const unsigned char ref_aarch64_dyn[REF_LEN] = {
	0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 0, 183, 0, 1, 0, 0, 0,
};

static const unsigned char ref_i386_exec[REF_LEN] = {
	0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 3, 0, 1, 0, 0, 0,
};

static const unsigned char ref_i386_dyn[REF_LEN] = {
	0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 0, 3, 0, 1, 0, 0, 0,
};

static const unsigned char ref_x32_exec[REF_LEN] = {
	0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 62, 0, 1, 0, 0, 0,
};

/* qemu-user's x86_64 magic and mask (Debian's binfmt.d file). */
static const unsigned char out_magic[20] = {
	0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 62, 0,
};

/* qemu-user's i386 magic (Debian's binfmt.d file; the same mask). */
static const unsigned char out_magic_i386[20] = {
	0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 3, 0,
};

static const unsigned char out_mask[20] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xfe, 0xfc,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xfe, 0xff, 0xff, 0xff,
};

/* binfmt_misc's check_file(): each byte, masked, equals the magic's. */
static bool matches(const unsigned char *magic, const unsigned char *mask,
		    size_t len, const unsigned char *ref)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((ref[i] ^ magic[i]) & mask[i])
			return false;
	return true;
}

/* The common rules of the selects functions; @len is cut to REF_LEN. */
static bool magic_shape_ok(const unsigned char *mask, size_t *len)
{
	size_t i;

	if (*len < 4 || *len > XLATE_BINFMT_MAGIC_MAX)
		return false;
	for (i = 0; i < 4; i++)
		if (mask[i] != 0xff)
			return false;
	for (i = REF_LEN; i < *len; i++)
		if (mask[i])
			return false;
	if (*len > REF_LEN)
		*len = REF_LEN;
	return true;
}

/**
 * xlate_binfmt_selects_x86_64() - do @magic and @mask pick x86-64 ELF?
 * @magic: the magic bytes, at offset 0
 * @mask: the mask, as long as @magic
 * @len: their length
 *
 * The full ELF magic must be compared, x86-64 executables and PIEs must
 * match, and arm64, i386 and x32 executables must not.  Bytes past the
 * ELF header's e_version must not be compared.
 *
 * Return: true if they do.
 */
bool xlate_binfmt_selects_x86_64(const unsigned char *magic,
				 const unsigned char *mask, size_t len)
{
	if (!magic_shape_ok(mask, &len))
		return false;
	return matches(magic, mask, len, ref_x86_64_exec) &&
	       matches(magic, mask, len, ref_x86_64_dyn) &&
	       !matches(magic, mask, len, ref_aarch64_dyn) &&
	       !matches(magic, mask, len, ref_i386_exec) &&
	       !matches(magic, mask, len, ref_x32_exec);
}

/**
 * xlate_binfmt_selects_i386() - do @magic and @mask pick i386 ELF?
 * @magic: the magic bytes, at offset 0
 * @mask: the mask, as long as @magic
 * @len: their length
 *
 * As xlate_binfmt_selects_x86_64(), for i386 executables and PIEs; x86-64,
 * x32 and arm64 executables must not match.
 *
 * Return: true if they do.
 */
bool xlate_binfmt_selects_i386(const unsigned char *magic,
			       const unsigned char *mask, size_t len)
{
	if (!magic_shape_ok(mask, &len))
		return false;
	return matches(magic, mask, len, ref_i386_exec) &&
	       matches(magic, mask, len, ref_i386_dyn) &&
	       !matches(magic, mask, len, ref_x86_64_exec) &&
	       !matches(magic, mask, len, ref_aarch64_dyn) &&
	       !matches(magic, mask, len, ref_x32_exec);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Unescape @s as binfmt_misc does (string_unescape with UNESCAPE_HEX:
 * "\xHH" is a byte, any other character stands for itself) into @out.
 * Return: the length, or -1 if it does not fit.
 */
static int unescape(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (*s) {
		if (n == max)
			return -1;
		if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0) {
			int v = hexval(s[2]);

			s += 3;
			if (hexval(*s) >= 0)
				v = v << 4 | hexval(*s++);
			out[n++] = v;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

/* Split off the field up to @del; NULL when there is none. */
static char *field(char **p, char del)
{
	char *start = *p, *end;

	if (!start)
		return NULL;
	end = strchr(start, del);
	if (end) {
		*end = '\0';
		*p = end + 1;
	} else {
		*p = NULL;
	}
	return start;
}

static bool name_ok(const char *name)
{
	const char *c;

	if (!*name || strlen(name) >= XLATE_BINFMT_NAME_MAX ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (c = name; *c; c++)
		if (*c == '/' || (unsigned char)*c < 0x20 || *c == 0x7f)
			return false;
	return true;
}

static int parse_flags(const char *s, struct xlate_binfmt_line *out)
{
	for (; *s; s++) {
		switch (*s) {
		case 'P':
			out->preserve_argv0 = true;
			break;
		case 'O':
			out->open_binary = true;
			break;
		case 'C':
			out->credentials = true;
			break;
		case 'F':
			out->fix_binary = true;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * xlate_binfmt_line_parse() - read a binfmt_misc registration line
 * @line: the line; modified in place, and @out->interpreter points
 *        into it.  One trailing newline is allowed.
 * @out: filled in on success
 * @why: on failure, what is wrong, for a message
 *
 * The first character is the delimiter.  Type must be M (magic), the
 * offset 0 or empty, the mask as long as the magic or empty (all bits),
 * the magic and mask must select x86-64 ELF, the interpreter must not
 * be empty, and the flags are among P, O, C and F.
 *
 * Return: 0, or -EINVAL with @why set.
 */
int xlate_binfmt_line_parse(char *line, struct xlate_binfmt_line *out,
			    const char **why)
{
	int ret = xlate_binfmt_line_parse_x86(line, out, why);

	if (!ret && out->i386) {
		*why = "magic and mask do not select x86-64 ELF executables (and only them)";
		return -EINVAL;
	}
	return ret;
}

/**
 * xlate_binfmt_line_parse_x86() - parse a line for x86-64 or i386
 * @line: the line, modified in place; a trailing newline is ignored
 * @out: the result; @out->interpreter points into @line
 * @why: set to the reason when the line is refused
 *
 * As xlate_binfmt_line_parse(), but a magic and mask that select i386 ELF
 * executables (and only them) are taken too, with @out->i386 set: such a
 * line configures runtime32.
 *
 * Return: 0, or -EINVAL with @why set.
 */
int xlate_binfmt_line_parse_x86(char *line, struct xlate_binfmt_line *out,
				const char **why)
{
	unsigned char magic[XLATE_BINFMT_MAGIC_MAX];
	unsigned char mask[XLATE_BINFMT_MAGIC_MAX];
	char *f[7], *p = line;
	size_t len;
	int mlen, klen, i;
	char del;

	memset(out, 0, sizeof(*out));
	len = strlen(line);
	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len < 2) {
		*why = "empty line";
		return -EINVAL;
	}
	del = *p++;
	for (i = 0; i < 7; i++)
		f[i] = field(&p, del);
	/* Flags are the last field: a delimiter may end the line. */
	if (!f[6] || (p && *p)) {
		*why = "not 7 fields :name:type:offset:magic:mask:interpreter:flags";
		return -EINVAL;
	}
	if (!name_ok(f[0])) {
		*why = "name empty, too long, \".\", \"..\", or with '/' or control characters";
		return -EINVAL;
	}
	if (strcmp(f[1], "M")) {
		*why = "type is not M (magic): an extension cannot select x86-64 ELF";
		return -EINVAL;
	}
	if (*f[2] && strcmp(f[2], "0")) {
		*why = "offset is not 0: the ELF header is at the start of the file";
		return -EINVAL;
	}
	mlen = unescape(f[3], magic, sizeof(magic));
	klen = unescape(f[4], mask, sizeof(mask));
	if (mlen <= 0 || klen < 0) {
		*why = "magic empty, or magic or mask longer than 128 bytes";
		return -EINVAL;
	}
	if (!klen) {
		memset(mask, 0xff, mlen);
	} else if (klen != mlen) {
		*why = "mask and magic differ in length";
		return -EINVAL;
	}
	out->i386 = xlate_binfmt_selects_i386(magic, mask, mlen);
	if (!out->i386 && !xlate_binfmt_selects_x86_64(magic, mask, mlen)) {
		*why = "magic and mask do not select x86-64 ELF executables (and only them)";
		return -EINVAL;
	}
	if (!*f[5]) {
		*why = "no interpreter";
		return -EINVAL;
	}
	if (parse_flags(f[6], out)) {
		*why = "unknown flag: only P, O, C and F are known";
		return -EINVAL;
	}
	memcpy(out->name, f[0], strlen(f[0]) + 1);
	out->interpreter = f[5];
	out->interpreter_len = strlen(f[5]);
	return 0;
}

/*
 * Delimiters a formatted line may use, in order of preference; none is
 * a hex digit, 'x', '\\', 'M' or a flag, which the other fields hold.
 */
static const char delimiters[] = ":|#!,;%&+=@^~";

/* The first of delimiters[] in neither @name nor @interpreter. */
static char pick_delimiter(const char *name, const char *interpreter)
{
	const char *d;

	for (d = delimiters; *d; d++)
		if (!strchr(name, *d) && !strchr(interpreter, *d))
			return *d;
	return delimiters[0];
}

static size_t put_escaped(char *buf, size_t size, size_t pos,
			  const unsigned char *bytes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, pos += 4)
		if (pos + 4 < size)
			snprintf(buf + pos, size - pos, "\\x%02x", bytes[i]);
	return pos;
}

static int line_format(char *buf, size_t size, const unsigned char *magic,
		       const char *name, const char *interpreter,
		       bool preserve_argv0, bool open_binary, bool credentials)
{
	char del = pick_delimiter(name, interpreter);
	size_t pos;

	pos = snprintf(buf, size, "%c%s%cM%c%c", del, name, del, del, del);
	pos = put_escaped(buf, size, pos, magic, sizeof(out_magic));
	if (pos + 1 < size) {
		buf[pos] = del;
		buf[pos + 1] = '\0';
	}
	pos = put_escaped(buf, size, pos + 1, out_mask, sizeof(out_mask));
	pos += snprintf(pos < size ? buf + pos : NULL, pos < size ? size - pos : 0,
			"%c%s%c%s%s%sF\n", del, interpreter, del,
			preserve_argv0 ? "P" : "", open_binary ? "O" : "",
			credentials ? "C" : "");
	if (size && pos >= size)
		buf[size - 1] = '\0';
	return pos;
}

/**
 * xlate_binfmt_line_format() - a registration line for a configuration
 * @buf: where to write it, with a newline
 * @size: size of @buf
 * @name: the registration's name
 * @interpreter: the runtime's path
 * @preserve_argv0: flag P
 * @open_binary: flag O
 * @credentials: flag C
 *
 * The magic and mask are qemu-user's for x86-64; F is always set, as
 * xlate always opens the runtime when it is configured.  The delimiter
 * is ':' unless @name or @interpreter contains one, then the first of
 * "|#!,;%&+=@^~" that neither contains, so the line parses back to the
 * same configuration.  A line cut short is a prefix of the whole line.
 *
 * Return: the length of the whole line (as snprintf: more than @size
 * means it was cut short).
 */
int xlate_binfmt_line_format(char *buf, size_t size, const char *name,
			     const char *interpreter, bool preserve_argv0,
			     bool open_binary, bool credentials)
{
	return line_format(buf, size, out_magic, name, interpreter,
			   preserve_argv0, open_binary, credentials);
}

/**
 * xlate_binfmt_line_format_i386() - a registration line for runtime32
 * @buf: where to write it, with a newline
 * @size: size of @buf
 * @name: the registration's name
 * @interpreter: the runtime's path
 * @preserve_argv0: flag P
 * @open_binary: flag O
 * @credentials: flag C
 *
 * As xlate_binfmt_line_format(), with qemu-user's i386 magic.
 *
 * Return: the length of the whole line, as xlate_binfmt_line_format().
 */
int xlate_binfmt_line_format_i386(char *buf, size_t size, const char *name,
				  const char *interpreter, bool preserve_argv0,
				  bool open_binary, bool credentials)
{
	return line_format(buf, size, out_magic_i386, name, interpreter,
			   preserve_argv0, open_binary, credentials);
}
