// SPDX-License-Identifier: GPL-2.0
/*
 * A reference model of fs/binfmt_misc.c's register write, for the
 * differential tests of kmod/lib/binfmt_line.c (the parser xlate uses):
 * tools/testing/unit/test_binfmt_ref.c and tools/testing/fuzz/
 * fuzz_binfmt_line.c feed the same bytes to both and compare.
 *
 * It follows the kernel's code step by step, in its order, with the
 * kernel's own helpers modelled where libc's differ, so that it can be
 * checked line by line against the source.  Line numbers are those of
 * Debian's linux-source-6.12 (6.12.118); 6.1.192 and 7.2.13 have the
 * same code (function names given, as their numbers differ):
 *
 *   fs/binfmt_misc.c      create_entry() 356-553, scanarg() 295-310,
 *                         check_special_flags() 312-348,
 *                         search_binfmt_handler() 90-128 (check_file()
 *                         in 6.1), bm_register_write() 817- (the name
 *                         becomes a file: lookup_one_len() 856 on 6.1
 *                         and 6.12, simple_start_creating() on 7.2;
 *                         both refuse a name longer than NAME_MAX)
 *   lib/string_helpers.c  string_unescape() 320-355, unescape_hex()
 *                         232-254 (UNESCAPE_HEX)
 *   lib/kstrtox.c         kstrtoint() 259, kstrtoll() 156,
 *                         _kstrtoull() 96, _parse_integer_limit() 52
 *   lib/hexdump.c         hex_to_bin() 46
 *   include/linux/ctype.h isxdigit(): '0'-'9', 'a'-'f', 'A'-'F' only
 *
 * It is deliberately not shared with, nor written like, binfmt_line.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "binfmt_misc_ref.h"

#define NAME_MAX_BYTES	255	/* NAME_MAX, simple_lookup() */

/* include/linux/ctype.h: _X is set for the ASCII hex digits alone. */
static bool k_isxdigit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* lib/hexdump.c hex_to_bin(): the value, or -1. */
static int k_hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch &= 0xdf;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The kernel's strchr(): the first @c, or NULL at a NUL first; with @c
 * NUL, the terminating NUL.  (libc's does the same; written out so the
 * model depends on nothing but this file.)
 */
static char *k_strchr(char *s, char c)
{
	for (; *s != c; s++)
		if (!*s)
			return NULL;
	return s;
}

/* fs/binfmt_misc.c:295 scanarg() */
static char *k_scanarg(char *s, char del)
{
	char c;

	while ((c = *s++) != del) {
		if (c == '\\' && *s == 'x') {
			s++;
			if (!k_isxdigit(*s++))
				return NULL;
			if (!k_isxdigit(*s++))
				return NULL;
		}
	}
	s[-1] = '\0';
	return s;
}

/* lib/string_helpers.c:232 unescape_hex() */
static bool k_unescape_hex(char **src, char **dst)
{
	char *q = *src;
	unsigned char num;
	int digit;

	if (*q++ != 'x')
		return false;
	digit = k_hex_to_bin(*q++);
	if (digit < 0)
		return false;
	num = digit;
	digit = k_hex_to_bin(*q);
	if (digit >= 0) {
		q++;
		num = (num << 4) | digit;
	}
	**dst = (char)num;
	*dst += 1;
	*src = q;
	return true;
}

/*
 * lib/string_helpers.c:320 string_unescape() with size 0 (unbounded, as
 * string_unescape_inplace() passes it) and UNESCAPE_HEX only.
 */
static int k_string_unescape_inplace(char *buf)
{
	size_t size = SIZE_MAX;
	char *src = buf, *out = buf;

	while (*src && --size) {
		if (src[0] == '\\' && src[1] != '\0' && size > 1) {
			src++;
			size--;
			if (k_unescape_hex(&src, &out))
				continue;
			*out++ = '\\';
		}
		*out++ = *src++;
	}
	*out = '\0';
	return out - buf;
}

/* lib/kstrtox.c:52 _parse_integer_limit(), base 10: digits, overflow. */
#define K_OVERFLOW	(1U << 31)
static unsigned int k_parse_integer(const char *s, unsigned long long *p)
{
	unsigned long long res = 0;
	unsigned int rv = 0;

	for (;; s++) {
		unsigned int c = (unsigned char)*s, val;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			val = (c | 0x20) - 'a' + 10;
		else
			break;
		if (val >= 10)
			break;
		if (res & (~0ULL << 60)) {
			if (res > (ULLONG_MAX - val) / 10)
				rv |= K_OVERFLOW;
		}
		res = res * 10 + val;
		rv++;
	}
	*p = res;
	return rv;
}

/* lib/kstrtox.c:96 _kstrtoull(), base 10 (no radix prefix to skip). */
static int k_kstrtoull_nosign(const char *s, unsigned long long *res)
{
	unsigned long long r;
	unsigned int rv = k_parse_integer(s, &r);

	if (rv & K_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = r;
	return 0;
}

/* lib/kstrtox.c:259 kstrtoint() over kstrtoll() and kstrtoull(), base 10. */
static int k_kstrtoint(const char *s, int *res)
{
	unsigned long long tmp;
	long long v;
	int rv;

	if (s[0] == '-') {
		rv = k_kstrtoull_nosign(s + 1, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)-tmp > 0)
			return -ERANGE;
		v = (long long)-tmp;
	} else {
		rv = k_kstrtoull_nosign(s[0] == '+' ? s + 1 : s, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)tmp < 0)
			return -ERANGE;
		v = tmp;
	}
	if (v != (int)v)
		return -ERANGE;
	*res = v;
	return 0;
}

/* fs/binfmt_misc.c:312 check_special_flags() */
static char *k_check_special_flags(char *p, struct ref_entry *e)
{
	for (;;) {
		switch (*p) {
		case 'P':
			p++;
			e->flags |= REF_FMT_PRESERVE_ARGV0;
			break;
		case 'O':
			p++;
			e->flags |= REF_FMT_OPEN_BINARY;
			break;
		case 'C':
			p++;
			e->flags |= REF_FMT_CREDENTIALS | REF_FMT_OPEN_BINARY;
			break;
		case 'F':
			p++;
			e->flags |= REF_FMT_OPEN_FILE;
			break;
		default:
			return p;
		}
	}
}

/* fs/binfmt_misc.c:356 create_entry(): 0 or -EINVAL. */
static int k_create_entry(struct ref_entry *e, const char *line, size_t count)
{
	char *buf = e->buf, *p, *s, *magic, *mask;
	char del;

	if (count < 11 || count > REF_REGISTER_MAX)		/* 367 */
		return -EINVAL;
	memcpy(buf, line, count);				/* 377 */
	p = buf;
	del = *p++;						/* 382 */
	if (del == 'P' || del == 'O' || del == 'C' || del == 'F')	/* 387 */
		return -EINVAL;
	memset(buf + count, del, 8);				/* 391 */

	e->name = p;						/* 394 */
	p = k_strchr(p, del);
	if (!p)
		return -EINVAL;
	*p++ = '\0';
	if (!e->name[0] || !strcmp(e->name, ".") ||		/* 399 */
	    !strcmp(e->name, "..") || strchr(e->name, '/'))
		return -EINVAL;

	switch (*p++) {						/* 408 */
	case 'E':
		e->magic_type = 'E';
		break;
	case 'M':
		e->magic_type = 'M';
		break;
	default:
		return -EINVAL;
	}
	if (*p++ != del)					/* 420 */
		return -EINVAL;

	if (e->magic_type == 'M') {
		s = k_strchr(p, del);				/* 427 */
		if (!s)
			return -EINVAL;
		*s = '\0';
		if (p != s) {					/* 432 */
			if (k_kstrtoint(p, &e->offset) || e->offset < 0)
				return -EINVAL;
		}
		p = s + 1;					/* 437-438 */

		magic = p;					/* 443 */
		p = k_scanarg(p, del);
		if (!p)
			return -EINVAL;
		if (!magic[0])					/* 447 */
			return -EINVAL;
		mask = p;					/* 455 */
		p = k_scanarg(p, del);
		if (!p)
			return -EINVAL;
		e->has_mask = mask[0] != '\0';			/* 459 */

		e->size = k_string_unescape_inplace(magic);	/* 473 */
		if (e->has_mask &&
		    k_string_unescape_inplace(mask) != e->size)	/* 475 */
			return -EINVAL;
		if (e->size > REF_BUF_SIZE ||			/* 477 */
		    REF_BUF_SIZE - e->size < e->offset)
			return -EINVAL;
		e->magic = (const unsigned char *)magic;
		e->mask = e->has_mask ? (const unsigned char *)mask : NULL;
	} else {
		p = k_strchr(p, del);				/* 509 */
		if (!p)
			return -EINVAL;
		*p++ = '\0';
		e->extension = p;				/* 515 */
		p = k_strchr(p, del);
		if (!p)
			return -EINVAL;
		*p++ = '\0';
		if (!e->extension[0] || strchr(e->extension, '/'))	/* 520 */
			return -EINVAL;
		p = k_strchr(p, del);				/* 525 */
		if (!p)
			return -EINVAL;
		*p++ = '\0';
	}

	e->interpreter = p;					/* 532 */
	p = k_strchr(p, del);
	if (!p)
		return -EINVAL;
	*p++ = '\0';
	if (!e->interpreter[0])					/* 537 */
		return -EINVAL;

	p = k_check_special_flags(p, e);			/* 542 */
	if (*p == '\n')
		p++;
	if (p != buf + count)					/* 545 */
		return -EINVAL;
	return 0;
}

/**
 * ref_register() - what a write of @count bytes to register answers
 * @e: filled in; @e->ret is 0 or the negative errno
 * @line: the bytes (NUL bytes allowed)
 * @count: how many
 *
 * create_entry(), then the name's lookup in bm_register_write(), whose
 * simple_lookup() refuses a name longer than NAME_MAX.  (The other
 * refusals there, an existing name and F's open of the interpreter,
 * depend on the system, not on the line.)
 */
void ref_register(struct ref_entry *e, const char *line, size_t count)
{
	memset(e, 0, sizeof(*e));
	e->ret = k_create_entry(e, line, count);
	if (!e->ret && strlen(e->name) > NAME_MAX_BYTES)
		e->ret = -ENAMETOOLONG;
}

/**
 * ref_check_file() - fs/binfmt_misc.c:90 search_binfmt_handler()'s test
 *                    of one enabled M entry
 * @e: a registered M entry
 * @buf: bprm->buf, REF_BUF_SIZE bytes
 *
 * Return: true if @e matches.
 */
bool ref_check_file(const struct ref_entry *e, const unsigned char *buf)
{
	const unsigned char *s = buf + e->offset;
	int j;

	if (e->mask) {
		for (j = 0; j < e->size; j++)
			if ((*s++ ^ e->magic[j]) & e->mask[j])
				break;
	} else {
		for (j = 0; j < e->size; j++)
			if (*s++ ^ e->magic[j])
				break;
	}
	return j == e->size;
}
