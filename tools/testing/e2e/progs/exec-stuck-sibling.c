// SPDX-License-Identifier: GPL-2.0
/*
 * exec-stuck-sibling STATPATH NOTE PROGRAM [ARGS...]: start a thread
 * that stat()s STATPATH (a name on a fuse-stall "slow" mount, so the
 * thread blocks in a FUSE request), wait until NOTE (the daemon's note
 * file) is not empty, i.e. the daemon has read the request, and then
 * execv() PROGRAM from the main thread.  The exec's de_thread() waits
 * for the sibling, which cannot die before the daemon answers: the exec
 * is held between its binfmt hand-off and its completion for as long as
 * the daemon waits.
 * Prints "error: ..." and exits 2 when the stage cannot be set.
 */
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progs.h"

static void *stuck(void *path)
{
	struct stat st;

	stat(path, &st);
	return NULL;
}

int main(int argc, char **argv)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	pthread_t thread;
	struct stat st;
	int i;

	if (argc < 4) {
		fprintf(stderr, "usage: exec-stuck-sibling STATPATH NOTE PROGRAM [ARGS...]\n");
		return 2;
	}
	if (pthread_create(&thread, NULL, stuck, argv[1])) {
		printf("error: pthread_create failed\n");
		return 2;
	}
	/* 20 s: the daemon reads the request at once, even under TCG. */
	for (i = 0; i < 400; i++) {
		if (!stat(argv[2], &st) && st.st_size > 0)
			break;
		nanosleep(&tick, NULL);
	}
	if (i == 400) {
		printf("error: the FUSE daemon did not read the request within 20 s\n");
		return 2;
	}
	fflush(stdout);
	execv(argv[3], argv + 3);
	printf("error: execv %s: %s\n", argv[3], err_name(errno));
	return 2;
}
