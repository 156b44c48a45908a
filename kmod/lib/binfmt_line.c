// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_misc registration lines, ":name:type:offset:magic:mask:
 * interpreter:flags" (Documentation/admin-guide/binfmt-misc.rst), read
 * exactly as fs/binfmt_misc.c's create_entry() reads a write to
 * /proc/sys/fs/binfmt_misc/register, and matched against a file's first
 * bytes exactly as its search_binfmt_handler() (check_file() before 6.7)
 * does.  Documentation/binfmt-line.rst lists each rule with the kernel
 * line it follows.  xlate takes a line whose magic selects only x86-64
 * (or only i386) ELF files to set a runtime, and then hands a file to
 * that runtime when, and only when, the line matches it.
 *
 * Pure logic, the one parser of this format: the module, KUnit, the
 * host tests, the fuzzers and xlatectl all use it.
 */
#include "binfmt_line.h"

/* The ELF header bytes an x86 line must compare in full. */
#define ELF_CLASS_OFF	4U
#define ELF_MACHINE_OFF	18U
#define ELF_LINE_MIN	20U
#define ELF_CLASS32	1U
#define ELF_CLASS64	2U

static const unsigned char elf_magic[4] = { 0x7f, 'E', 'L', 'F' };

/**
 * xlate_binfmt_hex_val() - the value of a hex digit, as hex_to_bin()
 * @c: the character
 *
 * Return: 0-15, or -1 if @c is not one of 0-9, a-f, A-F.
 */
int xlate_binfmt_hex_val(char c)
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
 * create_entry()'s scanarg(): the field from @s up to the delimiter.
 * Every "\x" must be followed by two hex digits (which are skipped, so a
 * delimiter among them does not end the field); every other byte, NUL
 * included, is taken as it is.  The delimiter is replaced by a NUL.
 * Return: what follows the delimiter, or NULL for a bad escape.
 */
static char *scan_field(char *s, char del)
{
	char c;

	while ((c = *s++) != del) {
		if (c == '\\' && *s == 'x') {
			s++;
			if (xlate_binfmt_hex_val(*s++) < 0)
				return NULL;
			if (xlate_binfmt_hex_val(*s++) < 0)
				return NULL;
		}
	}
	s[-1] = '\0';
	return s;
}

/*
 * string_unescape_inplace(s, UNESCAPE_HEX), as create_entry() decodes
 * magic and mask: up to the first NUL, "\x" and one or two hex digits
 * are one byte; a backslash before anything else is kept, and so is the
 * byte after it, undecoded.  Return: the decoded length.
 */
static unsigned int unescape_hex(char *s)
{
	char *src = s, *out = s;

	while (*src) {
		if (src[0] == '\\' && src[1] != '\0') {
			src++;
			if (src[0] == 'x' && xlate_binfmt_hex_val(src[1]) >= 0) {
				int v = xlate_binfmt_hex_val(src[1]);

				src += 2;
				if (xlate_binfmt_hex_val(*src) >= 0)
					v = v << 4 | xlate_binfmt_hex_val(*src++);
				*out++ = (char)v;
				continue;
			}
			*out++ = '\\';
		}
		*out++ = *src++;
	}
	*out = '\0';
	return out - s;
}

/*
 * kstrtoint(@s, 10) as the offset is read, and the "offset < 0" test
 * after it: an optional '+', or a '-' that only zeros may follow,
 * decimal digits, one optional newline, the end; at most INT_MAX.
 * Return: 0 with *@off set, or -EINVAL.
 */
static int parse_offset(const char *s, unsigned int *off)
{
	unsigned long v = 0;
	bool neg = *s == '-', digits = false;

	if (neg || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		digits = true;
		if (v <= 0x7fffffffUL)
			v = v * 10 + (*s - '0');
	}
	if (*s == '\n')
		s++;
	if (!digits || *s || v > 0x7fffffffUL || (neg && v))
		return -EINVAL;
	*off = v;
	return 0;
}

/*
 * Every field must end before the 8 delimiters create_entry() pads the
 * line with; one that ends among them (a line with fewer than 7 fields)
 * is refused by a later rule, always: magic, extension and interpreter
 * cannot be empty.  This only names the reason.
 */
static const char why_fields[] =
	"fewer than 7 fields :name:type:offset:magic:mask:interpreter:flags";

static bool in_padding(const struct xlate_binfmt_line *l, const char *end)
{
	return end >= l->work + l->len;
}

/* create_entry()'s flag loop: any run of P, O, C and F. */
static char *scan_flags(char *p, struct xlate_binfmt_line *l)
{
	for (;; p++) {
		switch (*p) {
		case 'P':
			l->preserve_argv0 = true;
			break;
		case 'O':
			l->open_binary = true;
			break;
		case 'C':
			l->credentials = true;
			break;
		case 'F':
			l->fix_binary = true;
			break;
		default:
			return p;
		}
	}
}

/* The M fields: offset, magic and mask.  Return: after the mask, or NULL. */
static char *parse_magic(char *p, char del, struct xlate_binfmt_line *l,
			 const char **why)
{
	struct xlate_binfmt_magic *m = &l->m;
	char *end, *magic, *mask;
	unsigned int len;

	end = strchr(p, del);
	if (!end || in_padding(l, end)) {
		*why = end ? why_fields : "NUL byte in the offset field";
		return NULL;
	}
	*end = '\0';
	if (p != end && parse_offset(p, &m->offset)) {
		*why = "offset is not a decimal number from 0 to INT_MAX";
		return NULL;
	}
	magic = end + 1;
	mask = scan_field(magic, del);
	if (!mask) {
		*why = "bad escape in the magic: \\x needs two hex digits";
		return NULL;
	}
	if (in_padding(l, mask - 1)) {
		*why = why_fields;
		return NULL;
	}
	if (!magic[0]) {
		*why = "magic is empty or starts with a NUL byte";
		return NULL;
	}
	p = scan_field(mask, del);
	if (!p) {
		*why = "bad escape in the mask: \\x needs two hex digits";
		return NULL;
	}
	if (in_padding(l, p - 1)) {
		*why = why_fields;
		return NULL;
	}
	m->has_mask = mask[0] != '\0';
	m->size = unescape_hex(magic);
	if (m->has_mask && unescape_hex(mask) != m->size) {
		*why = "mask and magic differ in length";
		return NULL;
	}
	if (m->size > XLATE_BINFMT_BUF_SIZE ||
	    XLATE_BINFMT_BUF_SIZE - m->size < m->offset) {
		*why = "offset and magic reach past the 256 bytes exec reads";
		return NULL;
	}
	len = m->size;
	memcpy(m->magic, magic, len);
	if (m->has_mask)
		memcpy(m->mask, mask, len);
	else
		memset(m->mask, 0xff, len);
	return p;
}

/* The E fields: offset (ignored), extension, mask (ignored). */
static char *parse_extension(char *p, char del, struct xlate_binfmt_line *l,
			     const char **why)
{
	char *ext;

	p = strchr(p, del);
	if (!p)
		goto nul;
	ext = ++p;
	p = strchr(p, del);
	if (!p)
		goto nul;
	if (in_padding(l, p))
		goto fields;
	*p++ = '\0';
	if (!ext[0] || strchr(ext, '/')) {
		*why = "extension is empty or has a '/'";
		return NULL;
	}
	l->extension = ext;
	p = strchr(p, del);
	if (p && !in_padding(l, p))
		return p + 1;
	if (p)
		goto fields;
nul:
	*why = "NUL byte in the offset, extension or mask field";
	return NULL;
fields:
	*why = why_fields;
	return NULL;
}

/**
 * xlate_binfmt_parse() - read a registration line as binfmt_misc does
 * @l: the result; its strings point into @l->work
 * @text: the bytes written, which may hold NUL bytes
 * @count: how many
 * @why: set to what is wrong when the line is refused
 *
 * Accepts and refuses what a write of the same @count bytes to
 * binfmt_misc's register file would: create_entry()'s rules, and a name
 * of at most NAME_MAX bytes (the file it becomes).  Type E lines are
 * read as well, so a caller can tell them apart.
 *
 * Return: 0, -EINVAL, or -ENAMETOOLONG (as binfmt_misc answers), with
 * @why set.
 */
int xlate_binfmt_parse(struct xlate_binfmt_line *l, const char *text,
		       size_t count, const char **why)
{
	char *p, *end, del;

	memset(l, 0, offsetof(struct xlate_binfmt_line, m));
	memset(&l->m, 0, offsetof(struct xlate_binfmt_magic, magic));
	if (count < XLATE_BINFMT_REGISTER_MIN ||
	    count > XLATE_BINFMT_REGISTER_MAX) {
		*why = "shorter than 11 or longer than 1920 bytes";
		return -EINVAL;
	}
	memcpy(l->work, text, count);
	l->len = count;
	del = l->work[0];
	if (del == 'P' || del == 'O' || del == 'C' || del == 'F') {
		*why = "delimiter is a flag letter (P, O, C or F)";
		return -EINVAL;
	}
	/* Padded with the delimiter, as create_entry() pads its copy. */
	memset(l->work + count, del, 8);
	l->work[count + 8] = '\0';

	p = l->work + 1;
	end = strchr(p, del);
	if (!end || in_padding(l, end)) {
		*why = end ? why_fields : "NUL byte in the name";
		return -EINVAL;
	}
	*end = '\0';
	if (!p[0] || !strcmp(p, ".") || !strcmp(p, "..") || strchr(p, '/')) {
		*why = "name is empty, \".\" or \"..\", or has a '/'";
		return -EINVAL;
	}
	l->name = p;
	p = end + 1;
	if ((p[0] != 'M' && p[0] != 'E') || p[1] != del) {
		*why = "type is not M (magic) or E (extension)";
		return -EINVAL;
	}
	if (p[0] == 'M')
		p = parse_magic(p + 2, del, l, why);
	else
		p = parse_extension(p + 2, del, l, why);
	if (!p)
		return -EINVAL;

	end = strchr(p, del);
	if (!end || in_padding(l, end)) {
		*why = end ? why_fields : "NUL byte in the interpreter";
		return -EINVAL;
	}
	*end = '\0';
	if (!p[0]) {
		*why = "no interpreter";
		return -EINVAL;
	}
	l->interpreter = p;
	l->interpreter_len = end - p;

	p = scan_flags(end + 1, l);
	if (*p == '\n')
		p++;
	if (p != l->work + count) {
		if (*p == del)
			*why = "text after the flags: more than 7 fields";
		else
			*why = "unknown flag: only P, O, C, F, then one newline";
		return -EINVAL;
	}
	if (strlen(l->name) > XLATE_BINFMT_NAME_MAX) {
		*why = "name longer than 255 bytes";
		return -ENAMETOOLONG;
	}
	return 0;
}

/**
 * xlate_binfmt_line_abi() - which x86 ABI does a line select, if any?
 * @l: a line xlate_binfmt_parse() accepted
 * @why: set to why it selects none
 *
 * A line selects x86-64 (i386) when every header it can match is an
 * x86-64 (i386) ELF header: it is type M at offset 0 and compares the
 * ELF magic, EI_CLASS and e_machine in full (mask 0xff), with the
 * values ELFCLASS64 and EM_X86_64 (ELFCLASS32 and EM_386).  Every other
 * byte is the line's to compare or not.
 *
 * Return: XLATE_ELF_X86_64, XLATE_ELF_I386, or -EINVAL with @why set.
 */
int xlate_binfmt_line_abi(const struct xlate_binfmt_line *l,
			  const char **why)
{
	const struct xlate_binfmt_magic *m = &l->m;
	unsigned int i, machine;

	if (l->extension) {
		*why = "type E matches file names, not ELF headers";
		return -EINVAL;
	}
	if (m->offset) {
		*why = "offset is not 0: the ELF magic must be compared";
		return -EINVAL;
	}
	if (m->size < ELF_LINE_MIN) {
		*why = "magic shorter than 20 bytes: e_machine (bytes 18-19) is not compared";
		return -EINVAL;
	}
	for (i = 0; i < sizeof(elf_magic); i++) {
		if (m->mask[i] != 0xff || m->magic[i] != elf_magic[i]) {
			*why = "bytes 0-3 are not compared in full with the ELF magic \\x7fELF";
			return -EINVAL;
		}
	}
	if (m->mask[ELF_CLASS_OFF] != 0xff || m->mask[ELF_MACHINE_OFF] != 0xff ||
	    m->mask[ELF_MACHINE_OFF + 1] != 0xff) {
		*why = "EI_CLASS (byte 4) or e_machine (bytes 18-19) is not compared in full";
		return -EINVAL;
	}
	machine = m->magic[ELF_MACHINE_OFF] |
		  (unsigned int)m->magic[ELF_MACHINE_OFF + 1] << 8;
	if (m->magic[ELF_CLASS_OFF] == ELF_CLASS64 && machine == XLATE_EM_X86_64)
		return XLATE_ELF_X86_64;
	if (m->magic[ELF_CLASS_OFF] == ELF_CLASS32 && machine == XLATE_EM_386)
		return XLATE_ELF_I386;
	*why = "selects neither ELFCLASS64 with EM_X86_64 nor ELFCLASS32 with EM_386";
	return -EINVAL;
}

/**
 * xlate_binfmt_header_abi() - which ABI's line could match this file?
 * @buf: the file's first XLATE_BINFMT_BUF_SIZE bytes (bprm->buf: zeros
 *       past the end of a shorter file)
 *
 * Every line xlate_binfmt_line_abi() accepts compares the ELF magic,
 * EI_CLASS and e_machine in full, so a file whose bytes there are not
 * those of x86-64 or i386 ELF is matched by no such line: this is all a
 * native exec pays.
 *
 * Return: XLATE_ELF_X86_64, XLATE_ELF_I386 or XLATE_ELF_OTHER.
 */
enum xlate_elf_abi xlate_binfmt_header_abi(const unsigned char *buf)
{
	unsigned int machine;

	if (memcmp(buf, elf_magic, sizeof(elf_magic)))
		return XLATE_ELF_OTHER;
	machine = buf[ELF_MACHINE_OFF] |
		  (unsigned int)buf[ELF_MACHINE_OFF + 1] << 8;
	if (buf[ELF_CLASS_OFF] == ELF_CLASS64 && machine == XLATE_EM_X86_64)
		return XLATE_ELF_X86_64;
	if (buf[ELF_CLASS_OFF] == ELF_CLASS32 && machine == XLATE_EM_386)
		return XLATE_ELF_I386;
	return XLATE_ELF_OTHER;
}

/**
 * xlate_binfmt_match() - would binfmt_misc's search take this file?
 * @m: the line's offset, magic and mask
 * @buf: the file's first XLATE_BINFMT_BUF_SIZE bytes (bprm->buf)
 *
 * Each of the @m->size bytes from @m->offset on, masked, equals the
 * magic's byte masked the same way.
 *
 * Return: true if it matches.
 */
bool xlate_binfmt_match(const struct xlate_binfmt_magic *m,
			const unsigned char *buf)
{
	const unsigned char *s = buf + m->offset;
	unsigned int j;

	for (j = 0; j < m->size; j++)
		if ((s[j] ^ m->magic[j]) & m->mask[j])
			return false;
	return true;
}

/*
 * Delimiters a formatted line may use, in order of preference; none is
 * a hex digit, 'x', '\\', a type or a flag letter, which the other
 * fields hold.
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

/* snprintf() at @pos of @buf, counting what does not fit. */
static size_t __printf(4, 5) put(char *buf, size_t size, size_t pos,
				 const char *fmt, ...)
{
	char none;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(pos < size ? buf + pos : &none,
		      pos < size ? size - pos : 0, fmt, ap);
	va_end(ap);
	return pos + (n > 0 ? n : 0);
}

static size_t put_hex(char *buf, size_t size, size_t pos,
		      const unsigned char *bytes, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		pos = put(buf, size, pos, "\\x%02x", bytes[i]);
	return pos;
}

/**
 * xlate_binfmt_format() - a registration line for a configuration
 * @buf: where to write it, with a newline
 * @size: size of @buf
 * @name: the registration's name
 * @m: offset, magic and mask
 * @interpreter: the runtime's path
 * @preserve_argv0: flag P
 * @open_binary: flag O
 * @credentials: flag C
 *
 * Magic and mask are written as "\xHH" escapes, the offset in decimal
 * (empty for 0), and F is always set, as xlate always opens the runtime
 * when it is configured.  The delimiter is ':' unless @name or
 * @interpreter contains one, then the first of "|#!,;%&+=@^~" that
 * neither contains, so the line parses back to the same configuration.
 * A line cut short is a prefix of the whole line.
 *
 * Return: the length of the whole line (as snprintf: @size or more means
 * it was cut short).
 */
int xlate_binfmt_format(char *buf, size_t size, const char *name,
			const struct xlate_binfmt_magic *m,
			const char *interpreter, bool preserve_argv0,
			bool open_binary, bool credentials)
{
	char del = pick_delimiter(name, interpreter);
	size_t pos;

	pos = put(buf, size, 0, "%c%s%cM%c", del, name, del, del);
	if (m->offset)
		pos = put(buf, size, pos, "%u", m->offset);
	pos = put(buf, size, pos, "%c", del);
	pos = put_hex(buf, size, pos, m->magic, m->size);
	pos = put(buf, size, pos, "%c", del);
	if (m->has_mask)
		pos = put_hex(buf, size, pos, m->mask, m->size);
	pos = put(buf, size, pos, "%c%s%c%s%s%sF\n", del, interpreter, del,
		  preserve_argv0 ? "P" : "", open_binary ? "O" : "",
		  credentials ? "C" : "");
	return pos;
}

/**
 * xlate_binfmt_parse_x86() - read a line xlate may take
 * @l: the result, with @l->i386 set for an i386 line
 * @text: the bytes written, which may hold NUL bytes
 * @count: how many
 * @why: set to the reason when the line is refused
 *
 * xlate_binfmt_parse(), then xlate_binfmt_line_abi(): binfmt_misc would
 * take the line, and every header it can match is an x86-64 (or i386)
 * ELF header.
 *
 * Return: 0, or a negative errno with @why set.
 */
int xlate_binfmt_parse_x86(struct xlate_binfmt_line *l, const char *text,
			   size_t count, const char **why)
{
	int ret = xlate_binfmt_parse(l, text, count, why);

	if (ret)
		return ret;
	ret = xlate_binfmt_line_abi(l, why);
	if (ret < 0)
		return ret;
	l->i386 = ret == XLATE_ELF_I386;
	return 0;
}

/**
 * xlate_binfmt_takes() - the exec decision for one line
 * @m: the line's offset, magic and mask
 * @abi: the ABI xlate_binfmt_line_abi() said the line selects
 * @buf: the file's first XLATE_BINFMT_BUF_SIZE bytes (bprm->buf)
 *
 * What xlate's binfmt handler does: xlate_binfmt_header_abi() picks
 * the ABI whose line is asked, then that line's xlate_binfmt_match().
 * Since every line of @abi compares the bytes xlate_binfmt_header_abi()
 * reads in full, this is xlate_binfmt_match() alone: the first test
 * only spares a native exec the second (tests: binfmt_line's "takes").
 *
 * Return: true if the file is handed to the line's runtime.
 */
bool xlate_binfmt_takes(const struct xlate_binfmt_magic *m,
			enum xlate_elf_abi abi, const unsigned char *buf)
{
	return xlate_binfmt_header_abi(buf) == abi && xlate_binfmt_match(m, buf);
}
