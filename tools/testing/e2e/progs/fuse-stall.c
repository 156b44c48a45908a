// SPDX-License-Identifier: GPL-2.0
/*
 * fuse-stall DIR never
 * fuse-stall DIR slow SECONDS [NOTE]
 * fuse-stall DIR gate FILE [NOTE]
 *
 * A FUSE file system that does not answer, spoken over /dev/fuse
 * directly (no libfuse): it mounts itself on DIR, answers FUSE_INIT,
 * prints "ready" and then
 *   never  reads nothing more: every request stays queued in the kernel
 *          (the requester waits until it is killed or this process
 *          exits, which aborts the connection);
 *   slow   reads each request and answers it with ENOENT only SECONDS
 *          later (a request that was read is "sent": its requester then
 *          waits uninterruptibly, even when killed, until the answer).
 *          Each request read appends "OPCODE NODEID" to NOTE (a file).
 *   gate   the same, but answers each request once the file FILE
 *          exists (another program decides when).
 * Runs in the foreground until killed; the mount stays behind (umount
 * it).  Exits 1 with a message when the set-up fails.
 */
#include <fcntl.h>
#include <linux/fuse.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

#include "progs.h"

/* At least FUSE_MIN_READ_BUFFER (8192), and room for any write. */
static char buf[1 << 17];

static int reply(int fd, uint64_t unique, int error, const void *arg,
		 size_t len)
{
	struct fuse_out_header out = {
		.len = sizeof(out) + len,
		.error = error,
		.unique = unique,
	};
	char msg[sizeof(out) + 256];

	if (len > sizeof(msg) - sizeof(out))
		return -1;
	memcpy(msg, &out, sizeof(out));
	if (len)
		memcpy(msg + sizeof(out), arg, len);
	return write(fd, msg, out.len) == (ssize_t)out.len ? 0 : -1;
}

static void note(const char *path, const struct fuse_in_header *in)
{
	char line[64];
	int fd, n;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%u %llu\n", in->opcode,
		     (unsigned long long)in->nodeid);
	if (write(fd, line, n) != n)
		perror("fuse-stall: note");
	close(fd);
}

int main(int argc, char **argv)
{
	struct fuse_in_header *in = (struct fuse_in_header *)buf;
	struct fuse_init_in *init_in = (struct fuse_init_in *)(in + 1);
	struct fuse_init_out init_out;
	const char *notefile = NULL, *gate = NULL;
	unsigned int delay = 0;
	char opts[128];
	int slow, fd;
	ssize_t n;

	slow = argc > 2 && (!strcmp(argv[2], "slow") || !strcmp(argv[2], "gate"));
	if (argc < 3 || (strcmp(argv[2], "never") && !slow) ||
	    (!slow && argc != 3) || (slow && argc != 4 && argc != 5)) {
		fprintf(stderr, "usage: fuse-stall DIR never | DIR slow SECONDS [NOTE] | DIR gate FILE [NOTE]\n");
		return 2;
	}
	if (slow) {
		if (!strcmp(argv[2], "gate"))
			gate = argv[3];
		else
			delay = strtoul(argv[3], NULL, 10);
		if (argc == 5)
			notefile = argv[4];
	}

	fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("fuse-stall: /dev/fuse: %s\n", err_name(errno));
		return 1;
	}
	snprintf(opts, sizeof(opts),
		 "fd=%d,rootmode=40000,user_id=0,group_id=0", fd);
	if (mount("fuse-stall", argv[1], "fuse", MS_NOSUID | MS_NODEV, opts)) {
		printf("fuse-stall: mount %s: %s\n", argv[1], err_name(errno));
		return 1;
	}

	/* The kernel queues FUSE_INIT at mount time. */
	n = read(fd, buf, sizeof(buf));
	if (n < (ssize_t)sizeof(*in) || in->opcode != FUSE_INIT) {
		printf("fuse-stall: no FUSE_INIT (%zd, %s)\n", n,
		       n < 0 ? err_name(errno) : "short or other opcode");
		return 1;
	}
	memset(&init_out, 0, sizeof(init_out));
	init_out.major = FUSE_KERNEL_VERSION;
	init_out.minor = init_in->minor < FUSE_KERNEL_MINOR_VERSION ?
			 init_in->minor : FUSE_KERNEL_MINOR_VERSION;
	init_out.max_readahead = init_in->max_readahead;
	init_out.max_write = 4096;
	init_out.time_gran = 1;
	if (init_in->major != FUSE_KERNEL_VERSION || init_out.minor < 23 ||
	    reply(fd, in->unique, 0, &init_out, sizeof(init_out))) {
		printf("fuse-stall: FUSE_INIT %u.%u not answered: %s\n",
		       init_in->major, init_in->minor, err_name(errno));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);

	if (!slow) {
		for (;;)
			pause();
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == ENOENT || errno == EAGAIN)
				continue;
			printf("fuse-stall: read: %s\n", err_name(errno));
			return 1;
		}
		if (n < (ssize_t)sizeof(*in))
			continue;
		/* These take no answer. */
		if (in->opcode == FUSE_INTERRUPT || in->opcode == FUSE_FORGET ||
		    in->opcode == FUSE_BATCH_FORGET)
			continue;
		note(notefile, in);
		sleep(delay);
		while (gate && access(gate, F_OK))
			usleep(10000);
		/* ENOENT: the requester gave up (possible for a pending one). */
		if (reply(fd, in->unique, -ENOENT, NULL, 0) && errno != ENOENT)
			printf("fuse-stall: answer: %s\n", err_name(errno));
		fflush(stdout);
	}
}
