// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmemleak-check [clear]: with "clear", forget what kmemleak found so far
 * (what boot left behind, which no test caused). Otherwise wait until
 * what the last test freed or lost is older than the 5 s that kmemleak
 * requires before it reports an object, scan twice, as
 * Documentation/dev-tools/kmemleak.rst advises (an object that is only in
 * flight is not reported after two scans), print what kmemleak reports,
 * and fail if it reports anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define KMEMLEAK "/sys/kernel/debug/kmemleak"

static int command(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY);
	int ok;

	if (fd < 0) {
		printf("kmemleak-check: %s: %s\n", KMEMLEAK, strerror(errno));
		return -1;
	}
	ok = write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd);
	if (!ok)
		printf("kmemleak-check: '%s': %s\n", cmd, strerror(errno));
	close(fd);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	char buf[4096];
	size_t total = 0;
	ssize_t n;
	int fd, i;

	if (argc > 1 && !strcmp(argv[1], "clear"))
		return command("clear") ? 1 : 0;

	sleep(6);
	for (i = 0; i < 2; i++) {
		if (command("scan"))
			return 1;
		sleep(1);
	}
	fd = open(KMEMLEAK, O_RDONLY);
	if (fd < 0) {
		printf("kmemleak-check: %s: %s\n", KMEMLEAK, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		fwrite(buf, 1, n, stdout);
		total += n;
	}
	close(fd);
	if (total) {
		printf("kmemleak-check: kmemleak reports suspected leaks\n");
		return 1;
	}
	printf("kmemleak-check: no leak reported\n");
	return 0;
}
