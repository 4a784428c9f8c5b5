// SPDX-License-Identifier: GPL-2.0
/*
 * exitwith STATUS [SLEEP_SECONDS]: print a line, optionally sleep, then exit
 * with STATUS.  Used by the runner's self-check plan to prove that failures
 * and timeouts are counted as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status = argc > 1 ? atoi(argv[1]) : 0;

	printf("exitwith: status %d\n", status);
	fflush(stdout);
	if (argc > 2)
		sleep(atoi(argv[2]));
	return status;
}
