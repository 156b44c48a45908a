// SPDX-License-Identifier: GPL-2.0
/*
 * flip STOPFILE STATEFILE PAUSE_US FILE VALUE...: until STOPFILE
 * exists, write the VALUEs in turn to FILE (a sysfs attribute: open,
 * one write of VALUE and a newline, close), sleeping PAUSE_US between
 * writes, then print
 *
 *   ok=A off=B bad=C
 *
 * A failed write is "off" when xlate was (being) unloaded around it,
 * "bad" when STATEFILE (see execloop.c) said "loaded" with the same
 * generation before and after it; the first few bad ones are described
 * on stderr.  In C rather than in the shell so that writes come fast
 * enough to land in the short windows of an unload.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_state(const char *path, long *gen)
{
	char word[32] = "";
	FILE *f = fopen(path, "r");
	int loaded = 0;

	*gen = -1;
	if (f) {
		if (fscanf(f, "%ld %31s", gen, word) == 2)
			loaded = !strcmp(word, "loaded");
		fclose(f);
	}
	return loaded;
}

static int write_value(const char *file, const char *value)
{
	char buf[4096];
	int fd, err = 0;
	size_t len;

	len = snprintf(buf, sizeof(buf), "%s\n", value);
	if (len >= sizeof(buf))
		return E2BIG;
	fd = open(file, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, buf, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	if (close(fd) && !err)
		err = errno;
	return err;
}

int main(int argc, char **argv)
{
	long ok = 0, off = 0, bad = 0, i, gen1, gen2;
	unsigned int pause_us;
	int loaded1, loaded2, err;

	if (argc < 6) {
		fprintf(stderr, "usage: flip STOPFILE STATEFILE PAUSE_US FILE VALUE...\n");
		return 2;
	}
	pause_us = atoi(argv[3]);
	for (i = 0; access(argv[1], F_OK); i++) {
		const char *value = argv[5 + i % (argc - 5)];

		loaded1 = read_state(argv[2], &gen1);
		err = write_value(argv[4], value);
		if (!err) {
			ok++;
		} else {
			loaded2 = read_state(argv[2], &gen2);
			if (loaded1 && loaded2 && gen1 == gen2) {
				if (++bad <= 5)
					fprintf(stderr, "flip: %s to %s: %s\n",
						value, argv[4], strerror(err));
			} else {
				off++;
			}
		}
		if (pause_us)
			usleep(pause_us);
	}
	printf("ok=%ld off=%ld bad=%ld\n", ok, off, bad);
	return 0;
}
