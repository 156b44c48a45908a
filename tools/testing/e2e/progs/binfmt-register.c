// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt-register [-n COUNT] [-s SEED]: the parser of kmod/lib/
 * binfmt_line.c against the kernel's own.  Each line of the case table
 * (kmod/tests/binfmt_line_cases.h), then COUNT lines made from them by
 * tools/testing/ref/line_mutator.h, is written in one write() to
 * /proc/sys/fs/binfmt_misc/register and parsed by xlate_binfmt_parse();
 * the two answers must be the same errno.  An entry the kernel makes is
 * removed again at once.  Prints one line per difference,
 *   DIFF kernel=ERRNO xlate=ERRNO line=ESCAPED
 * and a last line
 *   binfmt-register: N lines, A accepted, R refused, D differences
 * Exits 1 if there was a difference or the register file cannot be
 * written.
 *
 * binfmt_misc must be mounted and, so that no entry made here takes an
 * exec meanwhile, disabled (echo 0 > status).  A line the parser takes
 * with F makes the kernel open its interpreter; that answer is predicted
 * from access(X_OK), and the case lines' interpreter /q should exist.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "progs.h"
#include "../../../../kmod/lib/binfmt_line.h"
#include "../../../../kmod/tests/binfmt_line_cases.h"
#include "../../ref/line_mutator.h"

#define BM	"/proc/sys/fs/binfmt_misc"

/* Remove every entry but register and status; return how many. */
static int remove_entries(void)
{
	struct dirent *de;
	char path[512];
	int n = 0, fd;
	DIR *d = opendir(BM);

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, "register") ||
		    !strcmp(de->d_name, "status"))
			continue;
		snprintf(path, sizeof(path), BM "/%s", de->d_name);
		fd = open(path, O_WRONLY);
		if (fd >= 0) {
			if (write(fd, "-1", 2) == 2)
				n++;
			close(fd);
		}
	}
	closedir(d);
	return n;
}

/* The kernel's answer: 0 or -errno. */
static int kernel_register(const char *line, size_t len)
{
	int fd = open(BM "/register", O_WRONLY), ret = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, line, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	close(fd);
	return ret;
}

/*
 * What the kernel should answer for a line the parser read through
 * (accepted, or refused for its name's length): bm_register_write()
 * opens an F line's interpreter first, then makes the name a file.
 */
static int predicted(const struct xlate_binfmt_line *l, int parsed_ret)
{
	struct stat st;

	if (l->fix_binary) {
		if (access(l->interpreter, X_OK))
			return -errno;
		if (stat(l->interpreter, &st))
			return -errno;
		if (!S_ISREG(st.st_mode))
			return -EACCES;
	}
	if (parsed_ret)
		return parsed_ret;
	if (!strcmp(l->name, "register") || !strcmp(l->name, "status"))
		return -EEXIST;
	return 0;
}

static void print_escaped(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 400; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			putchar(c);
		else
			printf("\\%03o", c);
	}
	if (n > 400)
		printf("...(%zu bytes)", n);
}

static struct xlate_binfmt_line parsed;
static unsigned long accepted, refused, diffs;

static void try_line(const char *line, size_t len)
{
	const char *why = NULL;
	int want, got;

	want = xlate_binfmt_parse(&parsed, line, len, &why);
	if (!want || want == -ENAMETOOLONG)
		want = predicted(&parsed, want);
	got = kernel_register(line, len);
	if (!got && remove_entries() != 1)
		got = -ENOTEMPTY;	/* the entry is not where it belongs */
	else if (got)
		remove_entries();
	if (got)
		refused++;
	else
		accepted++;
	if (got == want)
		return;
	diffs++;
	printf("DIFF kernel=%s", got ? err_name(-got) : "0");
	printf(" xlate=%s (%s) line=", want ? err_name(-want) : "0",
	       want ? (why ? why : "-") : "-");
	print_escaped(line, len);
	putchar('\n');
}

int main(int argc, char **argv)
{
	static const char *seeds[ARRAY_SIZE(binfmt_line_cases)];
	static size_t lens[ARRAY_SIZE(binfmt_line_cases)];
	static char line[XLATE_BINFMT_REGISTER_MAX + 64];
	struct line_mutator mut = {
		.state = 0x9e3779b97f4a7c15ULL, .seeds = seeds, .lens = lens,
		.nseeds = ARRAY_SIZE(seeds),
	};
	unsigned long count = 2000, i;
	int opt;

	while ((opt = getopt(argc, argv, "n:s:")) != -1) {
		switch (opt) {
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 's':
			mut.state = strtoull(optarg, NULL, 0) | 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-n COUNT] [-s SEED]\n",
				argv[0]);
			return 2;
		}
	}
	if (access(BM "/register", W_OK)) {
		printf("binfmt-register: cannot write " BM "/register: %s\n",
		       err_name(errno));
		return 1;
	}
	remove_entries();
	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		seeds[i] = binfmt_line_cases[i].line;
		lens[i] = binfmt_case_len(&binfmt_line_cases[i]);
		try_line(seeds[i], lens[i]);
	}
	for (i = 0; i < count; i++)
		try_line(line, lm_mutate(&mut, line, sizeof(line)));
	printf("binfmt-register: %lu lines, %lu accepted, %lu refused, %lu differences\n",
	       accepted + refused, accepted, refused, diffs);
	return diffs ? 1 : 0;
}
