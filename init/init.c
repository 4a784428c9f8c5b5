// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the bench's test VM.
 *
 * Mounts the pseudo file systems, then runs the plan named by "bench.plan="
 * on the kernel command line.  Each plan line is
 *
 *	NAME TIMEOUT_SECONDS PROGRAM [ARGS...]
 *
 * Each entry runs in its own process group with its output indented by four
 * spaces, as a KTAP subtest, and gets a top-level "ok"/"not ok" line with its
 * duration.  An entry fails when it exits non-zero, is killed by a signal,
 * overruns its timeout, or when the kernel taint flags change while it runs
 * (a WARN, an oops or a lockdep splat taints the kernel).  Everything goes to
 * the console, which is how the results reach the host.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "taskstacks.h"

#define MAX_ENTRIES	256
#define MAX_ARGS	64
#define LINE_MAX_LEN	4096

struct entry {
	char *name;
	int timeout;
	char *argv[MAX_ARGS + 1];
};

static struct entry plan[MAX_ENTRIES];
static int nr_entries;

static void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/*
 * The runner's clock is the kernel's, read by the system call rather than
 * the vDSO: a single bogus reading once made a healthy test look as if it
 * had run for five minutes.  clock_jumps() reports, for the record, each
 * time the two disagree by more than a second.
 */
static double ts_sec(const struct timespec *ts)
{
	return ts->tv_sec + ts->tv_nsec / 1e9;
}

static double now(void)
{
	struct timespec ts;

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts_sec(&ts);
}

static void clock_check(void)
{
	struct timespec ts;
	double k, v;

	k = now();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	v = ts_sec(&ts);
	if (v - k > 1 || k - v > 1)
		out("# init: the vDSO's CLOCK_MONOTONIC is %+.3fs off the kernel's\n",
		    v - k);
}

static void do_mount(const char *src, const char *dst, const char *type)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, 0, NULL) && errno != EBUSY)
		out("# init: mount %s on %s: %s\n", type, dst, strerror(errno));
}

static long read_long(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) < 0)
		buf[0] = 0;
	close(fd);
	return strtol(buf, NULL, 0);
}

static void write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, val, strlen(val)) < 0)
		out("# init: writing %s: %s\n", path, strerror(errno));
	close(fd);
}

/*
 * Swap on a zram disk, so that reclaim (MADV_PAGEOUT) can really take guest
 * pages away. mkswap by hand: a version 1 header in the first page, with
 * the magic at its end.
 */
static void setup_zram_swap(const char *size)
{
	const char *dev = "/dev/zram0";
	long pagesz = sysconf(_SC_PAGESIZE);
	unsigned int hdr[3];
	char *page;
	long bytes;
	int fd;

	write_str("/sys/block/zram0/disksize", size);
	bytes = read_long("/sys/block/zram0/disksize");
	fd = open(dev, O_WRONLY);
	page = calloc(1, pagesz);
	if (fd < 0 || bytes <= 0 || !page) {
		out("# init: no zram swap\n");
		goto out;
	}
	hdr[0] = 1;			/* version */
	hdr[1] = bytes / pagesz - 1;	/* last page */
	hdr[2] = 0;			/* bad pages */
	memcpy(page + 1024, hdr, sizeof(hdr));
	memcpy(page + pagesz - 10, "SWAPSPACE2", 10);
	if (write(fd, page, pagesz) != pagesz || fsync(fd)) {
		out("# init: writing the swap header: %s\n", strerror(errno));
		goto out;
	}
	if (swapon(dev, 0))
		out("# init: swapon: %s\n", strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	free(page);
}

/* The value of "key=" on the kernel command line, or NULL. */
static char *cmdline_param(const char *key)
{
	static char buf[LINE_MAX_LEN];
	char *tok, *save;
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return NULL;
	}
	fclose(f);
	for (tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (!strncmp(tok, key, klen) && tok[klen] == '=')
			return tok + klen + 1;
	return NULL;
}

static int load_plan(const char *path)
{
	char line[LINE_MAX_LEN];
	FILE *f = fopen(path, "r");

	if (!f) {
		out("# init: cannot open plan %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) && nr_entries < MAX_ENTRIES) {
		struct entry *e = &plan[nr_entries];
		char *save, *tok;
		int argc = 0;

		tok = strtok_r(line, " \t\n", &save);
		if (!tok || tok[0] == '#')
			continue;
		e->name = strdup(tok);
		tok = strtok_r(NULL, " \t\n", &save);
		e->timeout = tok ? atoi(tok) : 0;
		while ((tok = strtok_r(NULL, " \t\n", &save)) && argc < MAX_ARGS)
			e->argv[argc++] = strdup(tok);
		e->argv[argc] = NULL;
		if (!argc || e->timeout <= 0) {
			out("# init: bad plan line for %s\n", e->name);
			fclose(f);
			return -1;
		}
		nr_entries++;
	}
	fclose(f);
	return 0;
}

/* Copy the child's output to the console, indented, until EOF or timeout. */
static int relay(int fd, double deadline)
{
	char buf[LINE_MAX_LEN], *p, *nl;
	size_t have = 0;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	for (;;) {
		double left = deadline - now();
		ssize_t n;

		clock_check();
		/*
		 * A deadline passed must still be passed a moment later, so
		 * that one wrong reading of the clock cannot end an entry.
		 */
		if (left <= 0) {
			poll(NULL, 0, 200);
			if (deadline - now() <= 0)
				return -1;
			out("# init: the clock read %.3fs past the deadline, then did not\n",
			    -left);
			continue;
		}
		if (left > 1)
			left = 1;
		if (poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n <= 0)
			break;
		have += n;
		buf[have] = 0;
		p = buf;
		while ((nl = strchr(p, '\n'))) {
			*nl = 0;
			out("    %s\n", p);
			p = nl + 1;
		}
		have -= p - buf;
		memmove(buf, p, have);
		if (have == sizeof(buf) - 1) {
			buf[have] = 0;
			out("    %s\n", buf);
			have = 0;
		}
	}
	if (have) {
		buf[have] = 0;
		out("    %s\n", buf);
	}
	return 0;
}

static int run_entry(int nr, struct entry *e)
{
	long taint_before = read_long("/proc/sys/kernel/tainted"), taint_after;
	double t0 = now(), dt;
	int pipefd[2], status = 0, timed_out;
	const char *why = NULL;
	char whybuf[128];
	pid_t pid;

	out("# %s: %s", e->name, e->argv[0]);
	for (int i = 1; e->argv[i]; i++)
		out(" %s", e->argv[i]);
	out("\n");
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		chdir("/bin");
		execv(e->argv[0], e->argv);
		fprintf(stderr, "exec %s: %s\n", e->argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	timed_out = relay(pipefd[0], t0 + e->timeout);
	close(pipefd[0]);
	if (timed_out) {
		/* Where its threads are, in the kernel: a hang or slowness. */
		print_task_stacks(stdout, "# init: timeout:", pid, 0);
		kill(-pid, SIGKILL);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* Reap anything the test left behind in its group. */
	kill(-pid, SIGKILL);
	dt = now() - t0;

	taint_after = read_long("/proc/sys/kernel/tainted");
	if (timed_out) {
		snprintf(whybuf, sizeof(whybuf), "TIMEOUT after %ds", e->timeout);
		why = whybuf;
	} else if (WIFSIGNALED(status)) {
		snprintf(whybuf, sizeof(whybuf), "killed by signal %d", WTERMSIG(status));
		why = whybuf;
	} else if (WEXITSTATUS(status) == 4) {
		/* kselftest's KSFT_SKIP: the kernel lacks what the test needs. */
		out("ok %d %s # SKIP time=%.2fs\n", nr, e->name, dt);
		return 0;
	} else if (WEXITSTATUS(status)) {
		snprintf(whybuf, sizeof(whybuf), "exit status %d", WEXITSTATUS(status));
		why = whybuf;
	} else if (taint_after != taint_before) {
		snprintf(whybuf, sizeof(whybuf), "kernel taint changed %#lx -> %#lx",
			 taint_before, taint_after);
		why = whybuf;
	}
	if (why) {
		out("not ok %d %s # time=%.2fs %s\n", nr, e->name, dt, why);
		return 1;
	}
	out("ok %d %s # time=%.2fs\n", nr, e->name, dt);
	return 0;
}

int main(void)
{
	const char *plan_path;
	int failed = 0;

	do_mount("proc", "/proc", "proc");
	do_mount("sysfs", "/sys", "sysfs");
	do_mount("devtmpfs", "/dev", "devtmpfs");
	do_mount("debugfs", "/sys/kernel/debug", "debugfs");
	do_mount("tracefs", "/sys/kernel/tracing", "tracefs");
	do_mount("tmpfs", "/tmp", "tmpfs");
	/* boot.sh's scratch disk, a fresh ext4, for file-backed guest memory. */
	mkdir("/mnt", 0755);
	do_mount("/dev/vda", "/mnt/disk", "ext4");
	setenv("PATH", "/bin", 1);
	/* Some stage-2 tests want THP available to madvise(). */
	write_str("/sys/kernel/mm/transparent_hugepage/enabled", "madvise");
	/*
	 * The VM has two NUMA nodes, and NUMA balancing would unmap guest
	 * memory at random times, which makes fault counts irreproducible.
	 * Tests that want that interference turn it back on themselves.
	 */
	write_str("/proc/sys/kernel/numa_balancing", "0");
	/* For tests that reclaim or back guest memory with hugetlb. */
	setup_zram_swap("512M");
	/* 2MB ones by name: the default size is 32MB on a 16K-page host. */
	write_str("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "64");

	plan_path = cmdline_param("bench.plan");
	if (!plan_path)
		plan_path = "/plans/test.plan";
	out("# init: plan %s, kernel taint %ld\n", plan_path,
	    read_long("/proc/sys/kernel/tainted"));
	if (load_plan(plan_path)) {
		out("Bail out! cannot load plan\n");
		failed = 1;
	} else {
		out("KTAP version 1\n1..%d\n", nr_entries);
		for (int i = 0; i < nr_entries; i++)
			failed += run_entry(i + 1, &plan[i]);
		out("# init: %d passed, %d failed\n", nr_entries - failed, failed);
	}
	out("BENCH-DONE\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
