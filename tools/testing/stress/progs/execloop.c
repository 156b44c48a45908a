// SPDX-License-Identifier: GPL-2.0
/*
 * execloop N PROGRAM STATEFILE: exec PROGRAM (an x86-64 program that
 * exits with status 42) N times, one after the other, and print
 *
 *   ok=A enoexec_unloaded=B enoexec_loaded=C native_view_unloaded=D
 *   native_view_loaded=E other=F
 *
 * (one line).  ok: the program ran and exited 42, or 44 (stub-runtime:
 * handed over right, but uname(2) gave the native machine).  An exec
 * that fails with ENOEXEC, and status 44, are expected only while xlate
 * is unloaded: STATEFILE holds "<generation> loaded|unloading", written
 * by the reloader before each rmmod and after each load; an outcome is
 * "loaded" (a bug) when the state read before the exec and after the
 * outcome is the same generation and "loaded" both times.  other:
 * anything else (another errno, a signal, another exit status); the
 * first few are described on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

struct state {
	long gen;
	int loaded;
};

static struct state read_state(const char *path)
{
	struct state s = { -1, 0 };
	char word[32] = "";
	FILE *f = fopen(path, "r");

	if (f) {
		if (fscanf(f, "%ld %31s", &s.gen, word) == 2)
			s.loaded = !strcmp(word, "loaded");
		fclose(f);
	}
	return s;
}

/*
 * 1 when the state read from @path now is the same generation as
 * @before and both say "loaded": xlate was loaded all along.
 */
static int loaded_throughout(struct state before, const char *path)
{
	struct state after = read_state(path);

	return before.loaded && after.loaded && before.gen == after.gen;
}

/*
 * Start @path; return 0 with *@pid set, or the exec's errno (the child
 * reports it through a close-on-exec pipe, which an exec that works
 * closes unwritten).
 */
static int spawn(const char *path, char *const args[], char *const env[],
		 pid_t *pid)
{
	int p[2], err = 0;

	if (pipe2(p, O_CLOEXEC))
		return errno;
	*pid = fork();
	if (*pid < 0) {
		err = errno;
		close(p[0]);
		close(p[1]);
		return err;
	}
	if (*pid == 0) {
		close(p[0]);
		execve(path, args, env);
		err = errno;
		if (write(p[1], &err, sizeof(err)) < 0)
			_exit(126);
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(p[0]);
	if (err)
		waitpid(*pid, NULL, 0);
	return err;
}

int main(int argc, char **argv)
{
	long n, i, ok = 0, enoexec_unloaded = 0, enoexec_loaded = 0;
	long native_unloaded = 0, native_loaded = 0, other = 0;
	char *const args[] = { argv[2], NULL };
	char *const env[] = { NULL };

	if (argc != 4) {
		fprintf(stderr, "usage: execloop N PROGRAM STATEFILE\n");
		return 2;
	}
	n = atol(argv[1]);
	for (i = 0; i < n; i++) {
		struct state before = read_state(argv[3]);
		int status, err;
		pid_t pid = -1;

		err = spawn(argv[2], args, env, &pid);
		if (err == ENOEXEC) {
			if (loaded_throughout(before, argv[3])) {
				enoexec_loaded++;
				fprintf(stderr, "execloop: ENOEXEC while loaded (generation %ld)\n",
					before.gen);
			} else {
				enoexec_unloaded++;
				/*
				 * Leave the CPUs to rmmod and modprobe
				 * rather than spin on failing execs.
				 */
				usleep(20000);
			}
			continue;
		}
		if (err) {
			if (++other <= 5)
				fprintf(stderr, "execloop: exec %ld: %s\n", i,
					strerror(err));
			continue;
		}
		if (waitpid(pid, &status, 0) != pid) {
			perror("execloop: waitpid");
			return 2;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 42) {
			ok++;
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 44) {
			ok++;
			if (loaded_throughout(before, argv[3])) {
				native_loaded++;
				fprintf(stderr, "execloop: native uname while loaded (generation %ld)\n",
					before.gen);
			} else {
				native_unloaded++;
			}
			continue;
		}
		if (++other <= 5)
			fprintf(stderr, "execloop: exec %ld: %s %d\n", i,
				WIFEXITED(status) ? "exit" : "signal",
				WIFEXITED(status) ? WEXITSTATUS(status) :
				WTERMSIG(status));
	}
	printf("ok=%ld enoexec_unloaded=%ld enoexec_loaded=%ld native_view_unloaded=%ld native_view_loaded=%ld other=%ld\n",
	       ok, enoexec_unloaded, enoexec_loaded, native_unloaded,
	       native_loaded, other);
	return 0;
}
