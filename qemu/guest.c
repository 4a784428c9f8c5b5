// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the guest that the bench migrates with QEMU.
 *
 * It writes memory in a known pattern, for ever, and reports its progress
 * on the serial console.  The working set is WS_MB mebibytes (from the
 * kernel command line, "ws_mb=N", which the kernel hands to init as an
 * environment variable).  Each pass writes every page of it once: the
 * page's first words get its index, the pass number and a hash of both.
 * Before it writes a page, the guest checks that the page still holds what
 * the previous pass wrote there.  A migration that loses a dirty page
 * leaves the destination with an older page, which the next pass finds.
 *
 * Beside this hot working set, a cold region (COLD_MB, "cold_mb=N", 16 by
 * default) gets one page written, in order, every 65536 hot pages: at a few
 * hundred pages a second, each cold page is dirtied once and then stays
 * clean across several collections of the dirty log, so that a dirty page
 * lost in any round of a migration, not only the last, leaves a stale page
 * on the destination.
 *
 * Every 100 ms of guest time it prints
 *
 *	progress <ms since start> <pages written> <passes> <pattern errors>
 *
 * and the first 16 pattern errors, as "PATTERN ERROR ...".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define WORDS		8	/* words written per page: one cache line */

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static uint64_t hash(uint64_t page, uint64_t pass)
{
	uint64_t x = page * 0x9e3779b97f4a7c15ULL ^ (pass + 0x632be59bd9b4e019ULL);

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	return x ^ (x >> 29);
}

/*
 * Check what the previous pass left in a page, then write this pass's;
 * an error is printed on con, unless it is NULL.
 */
static uint64_t visit(uint64_t *p, uint64_t page, uint64_t pass, FILE *con,
		      const char *what)
{
	uint64_t want = pass - 1, bad;

	/* Pass 0 is the zero page that MAP_POPULATE left. */
	bad = want ? (p[0] != page || p[1] != want || p[2] != hash(page, want)) :
		     (p[0] || p[1] || p[2]);
	if (bad && con)
		fprintf(con, "PATTERN ERROR %s page %llu pass %llu: has page %llu pass %llu hash %llx\n",
			what, (unsigned long long)page, (unsigned long long)want,
			(unsigned long long)p[0], (unsigned long long)p[1],
			(unsigned long long)p[2]);
	p[0] = page;
	p[1] = pass;
	p[2] = hash(page, pass);
	for (int i = 3; i < WORDS; i++)
		p[i] = pass + i;
	return bad;
}


int main(void)
{
	uint64_t ws_mb = 16, nr_pages, pass, page, written = 0, errors = 0;
	uint64_t cold_mb = 16, nr_cold, cold_page = 0, cold_pass = 1;
	uint64_t t0, next_report;
	const char *env = getenv("ws_mb"), *cold_env = getenv("cold_mb");
	uint64_t *mem, *cold;
	FILE *con;

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	con = fopen("/dev/ttyAMA0", "w");
	if (!con)
		con = stdout;
	setvbuf(con, NULL, _IOLBF, 0);

	if (env && atoi(env) > 0)
		ws_mb = atoi(env);
	if (cold_env && atoi(cold_env) > 0)
		cold_mb = atoi(cold_env);
	nr_pages = ws_mb * (1 << 20) / PAGE;
	nr_cold = cold_mb * (1 << 20) / PAGE;
	cold = mmap(NULL, nr_cold * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	mem = mmap(NULL, nr_pages * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED || cold == MAP_FAILED) {
		fprintf(con, "guest: mmap of %llu MiB failed\n",
			(unsigned long long)ws_mb);
		for (;;)
			pause();
	}
	fprintf(con, "guest: writing %llu pages, and %llu cold ones slowly\n",
		(unsigned long long)nr_pages, (unsigned long long)nr_cold);

	t0 = now_ms();
	next_report = t0;
	for (pass = 1;; pass++) {
		for (page = 0; page < nr_pages; page++) {
			uint64_t *p = mem + page * (PAGE / sizeof(*p)), now;

			errors += visit(p, page, pass, errors < 16 ? con : NULL, "hot");
			written++;

			if (!(written & 65535)) {
				p = cold + cold_page * (PAGE / sizeof(*p));
				errors += visit(p, cold_page, cold_pass,
						errors < 16 ? con : NULL, "cold");
				if (++cold_page == nr_cold) {
					cold_page = 0;
					cold_pass++;
				}
			}
			if (!(written & 63)) {
				now = now_ms();
				if (now >= next_report) {
					fprintf(con, "progress %llu %llu %llu %llu\n",
						(unsigned long long)(now - t0),
						(unsigned long long)written,
						(unsigned long long)pass,
						(unsigned long long)errors);
					next_report = now + 100;
				}
			}
		}
	}
	return 0;
}
