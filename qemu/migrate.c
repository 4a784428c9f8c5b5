// SPDX-License-Identifier: GPL-2.0
/*
 * qemu-migrate: live-migrate a real guest with QEMU, over and over, and
 * check every migration byte for byte.  It runs inside the bench's
 * emulated arm64 host, as a plan entry.
 *
 * One guest (qemu/guest.c) is booted once.  Each migration starts a
 * destination QEMU with -incoming and -S, migrates the running source to
 * it over a unix socket through QMP, and then, with both sides paused,
 * saves both RAMs with pmemsave and compares every page.  The destination
 * is then let run: the guest must keep making progress and must find its
 * own pattern intact.  The destination becomes the next source.
 *
 * The configurations (-c, "sw" for hw-dbm=off and "hwdbm" for hw-dbm=on)
 * are used in turn, so that "-c sw,hwdbm -n 10" interleaves five of each
 * in one boot.  A migration is counted against the configuration of its
 * source, which is the side that logs dirty pages.
 *
 * For each migration it prints what query-migrate reports, the guest's
 * throughput before and during the migration (from the guest's progress
 * lines), the guest time lost (the migration's duration less the time the
 * guest would have needed for the work it did during it, at its rate
 * before), the source VM's KVM dirty-logging counters, and a CSV line.
 * With -x, the emulated host interferes while the guest runs and migrates:
 * "ksm" merges pages (QEMU marks guest RAM mergeable), "pageout" swaps the
 * source's guest RAM out to zram a chunk at a time, "compact" compacts
 * memory, and "thp" makes the host back guest RAM with huge pages and
 * collapses chunks of it (MADV_COLLAPSE) while pageout splits others.
 * Each must report that it had an effect.  Host settings are put back at
 * the end, also when the run dies.
 *
 * It exits non-zero if a migration fails, a page differs, the guest finds
 * a pattern error or stops making progress, or the KVM counters show that
 * the configuration did not take effect.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "taskstacks.h"

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE	25
#endif

#define GUEST_RAM_BASE	0x40000000UL	/* the virt board's RAM */
#define PAGE		4096UL
#define MAX_CONFIGS	4
#define MAX_PROGRESS	100000

static const char *qemu = "/bin/qemu-system-aarch64";
static const char *kernel = "/guest/Image";
static const char *initrd = "/guest/initrd.cpio.gz";
static const char *workdir = "/tmp/qmig";
static unsigned long ram_mb = 128, ws_mb = 4, downtime_ms = 300, bandwidth_mb = 20;
static const char *eager_split = "0", *thp_mode;
static bool lazy_split;		/* guest RAM on huge pages, split on write */
static const char *hw_dbm_arg;	/* overrides the config's hw-dbm= (-E) */
static const char *accel_extra = "";
static int nr_migrations = 2;
static double baseline_s = 2, after_s = 2, timeout_s = 120;
static const char *configs[MAX_CONFIGS] = { "sw", "hwdbm" };
static int nr_configs = 2;
static int failures;
static volatile pid_t cur_src;	/* the QEMU that the guest runs in */
static volatile bool interference_stop;
static bool x_ksm, x_pageout, x_compact, x_thp;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	failures++;
}

static long long read_ll(const char *path)
{
	long long v = -1;
	FILE *f = fopen(path, "r");

	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static void write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		printf("  cannot write %s to %s: %s\n", val, path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/*
 * Host settings the run changes, with their old values, put back when it
 * ends, however it ends, so that the entries after it find the host as it
 * was.
 */
static struct { char path[128], old[64]; } saved[16];
static int nr_saved;

static void set_host(const char *path, const char *val)
{
	char old[64] = "", *l, *r;
	FILE *f = fopen(path, "r");

	if (f) {
		if (!fgets(old, sizeof(old), f))
			old[0] = 0;
		fclose(f);
	}
	old[strcspn(old, "\n")] = 0;
	/* "always [madvise] never": the choice is the one in brackets. */
	if ((l = strchr(old, '[')) && (r = strchr(l, ']'))) {
		*r = 0;
		memmove(old, l + 1, strlen(l + 1) + 1);
	}
	if (nr_saved < 16 && old[0]) {
		snprintf(saved[nr_saved].path, sizeof(saved[0].path), "%s", path);
		snprintf(saved[nr_saved].old, sizeof(saved[0].old), "%s", old);
		nr_saved++;
	}
	write_str(path, val);
}

static void restore_host(void)
{
	while (nr_saved > 0) {
		nr_saved--;
		write_str(saved[nr_saved].path, saved[nr_saved].old);
	}
}

static void __attribute__((noreturn)) die(const char *fmt, ...)
{
	va_list ap;

	printf("FATAL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	/* Where each thread of each QEMU is in the kernel, to tell a hang. */
	print_task_stacks(stdout, "  QEMU", 0, getpid());
	fflush(stdout);
	restore_host();
	kill(0, SIGKILL);
	exit(1);
}

/* A QEMU instance: its process, QMP connection and serial console file. */
struct vm {
	int id;
	const char *config;
	pid_t pid;
	int qmp;
	char rbuf[1 << 16];
	size_t rlen;
	char serial[128];
	FILE *con;		/* the serial console, read as it grows */
	char line[512];
	size_t llen;
	/* progress lines: host arrival time and pages written */
	double *pt;
	uint64_t *pops;
	int nr_progress;
	uint64_t errors;	/* pattern errors the guest reported */
	bool pattern_error_seen;
	bool restarted;		/* the guest printed its first line again */
};

static char *qmp_read(struct vm *vm);
static char *qmp(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void vm_path(char *buf, size_t len, int id, const char *what)
{
	snprintf(buf, len, "%s/%d.%s", workdir, id, what);
}

static void vm_start(struct vm *vm, int id, const char *config, bool incoming)
{
	static char qmp_path[100], mig[100], accel[160], mem[32], append[256];
	static char chardev[160], qmparg[160], incarg[160];
	const char *argv[40];
	char *greeting;
	int argc = 0;

	/* The progress of the VM that this slot held is no longer needed. */
	free(vm->pt);
	free(vm->pops);
	memset(vm, 0, sizeof(*vm));
	vm->id = id;
	vm->config = config;
	vm->pt = calloc(MAX_PROGRESS, sizeof(*vm->pt));
	vm->pops = calloc(MAX_PROGRESS, sizeof(*vm->pops));
	vm_path(qmp_path, sizeof(qmp_path), id, "qmp");
	vm_path(mig, sizeof(mig), id, "mig");
	vm_path(vm->serial, sizeof(vm->serial), id, "serial");
	unlink(qmp_path);
	unlink(mig);
	unlink(vm->serial);
	snprintf(accel, sizeof(accel), "kvm,hw-dbm=%s,eager-split-size=%s%s",
		 hw_dbm_arg ? hw_dbm_arg : strcmp(config, "hwdbm") ? "off" : "on",
		 eager_split, accel_extra);
	snprintf(mem, sizeof(mem), "%luM", ram_mb);
	snprintf(append, sizeof(append),
		 "console=ttyAMA0 rdinit=/init quiet ws_mb=%lu", ws_mb);

	argv[argc++] = qemu;
	argv[argc++] = "-M";
	argv[argc++] = "virt,gic-version=3";
	argv[argc++] = "-accel";
	argv[argc++] = accel;
	argv[argc++] = "-cpu";
	argv[argc++] = "host";
	argv[argc++] = "-smp";
	argv[argc++] = "1";
	argv[argc++] = "-m";
	argv[argc++] = mem;
	argv[argc++] = "-nodefaults";
	argv[argc++] = "-display";
	argv[argc++] = "none";
	argv[argc++] = "-kernel";
	argv[argc++] = kernel;
	argv[argc++] = "-initrd";
	argv[argc++] = initrd;
	argv[argc++] = "-append";
	argv[argc++] = append;
	argv[argc++] = "-chardev";
	snprintf(chardev, sizeof(chardev), "file,id=con,path=%s", vm->serial);
	argv[argc++] = chardev;
	argv[argc++] = "-serial";
	argv[argc++] = "chardev:con";
	argv[argc++] = "-qmp";
	snprintf(qmparg, sizeof(qmparg), "unix:%s,server=on,wait=off", qmp_path);
	argv[argc++] = qmparg;
	if (incoming) {
		argv[argc++] = "-incoming";
		snprintf(incarg, sizeof(incarg), "unix:%s", mig);
		argv[argc++] = incarg;
		argv[argc++] = "-S";
	}
	argv[argc] = NULL;

	vm->pid = fork();
	if (vm->pid < 0)
		die("fork: %s", strerror(errno));
	if (!vm->pid) {
		execv(qemu, (char **)argv);
		fprintf(stderr, "exec %s: %s\n", qemu, strerror(errno));
		_exit(127);
	}

	/* Connect to QMP once QEMU has created the socket. */
	for (double t0 = now();; usleep(50000)) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		int status;

		if (waitpid(vm->pid, &status, WNOHANG) == vm->pid)
			die("QEMU %d (%s) exited at startup, status %#x",
			    id, config, status);
		if (now() - t0 > 30)
			die("QEMU %d: no QMP socket after 30s", id);
		vm->qmp = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", qmp_path);
		if (!connect(vm->qmp, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		close(vm->qmp);
	}

	/*
	 * QEMU listens before it sets up the accelerator, but only greets
	 * once its monitor exists, after that: a QEMU that refuses its
	 * settings closes the connection instead.
	 */
	greeting = qmp_read(vm);
	if (!greeting) {
		int status;

		waitpid(vm->pid, &status, 0);
		vm->pid = 0;
		die("QEMU %d (%s) exited at startup, status %#x", id, config, status);
	}
	if (!strstr(greeting, "\"QMP\""))
		die("QEMU %d: no QMP greeting: %s", id, greeting);
	free(greeting);
	free(qmp(vm, "{\"execute\": \"qmp_capabilities\"}"));
}

/* The next line from QMP that is not an event, or NULL at EOF. */
static char *qmp_read(struct vm *vm)
{
	for (;;) {
		char *nl = memchr(vm->rbuf, '\n', vm->rlen);
		ssize_t n;

		if (nl) {
			size_t len = nl - vm->rbuf + 1;
			char *line = strndup(vm->rbuf, len);

			memmove(vm->rbuf, vm->rbuf + len, vm->rlen - len);
			vm->rlen -= len;
			if (strstr(line, "\"event\""))	{
				free(line);
				continue;
			}
			return line;
		}
		if (vm->rlen == sizeof(vm->rbuf))
			die("QEMU %d: QMP line too long", vm->id);
		/* A QEMU that stops answering is stuck: say so, not hang. */
		if (poll(&(struct pollfd){ .fd = vm->qmp, .events = POLLIN }, 1,
			 timeout_s * 1000) <= 0)
			die("QEMU %d (%s): no answer on QMP for %.0fs", vm->id,
			    vm->config, timeout_s);
		n = read(vm->qmp, vm->rbuf + vm->rlen, sizeof(vm->rbuf) - vm->rlen);
		if (n <= 0)
			return NULL;
		vm->rlen += n;
	}
}

/* Run a QMP command; the reply (to be freed), or die on an error. */
static char *qmp(struct vm *vm, const char *fmt, ...)
{
	char cmd[1024], *reply;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(cmd, sizeof(cmd) - 1, fmt, ap);
	va_end(ap);
	if (len < 0 || len >= (int)sizeof(cmd) - 1)
		die("QEMU %d: QMP command too long", vm->id);
	cmd[len++] = '\n';
	if (write(vm->qmp, cmd, len) != len)
		die("QEMU %d: QMP write: %s", vm->id, strerror(errno));
	reply = qmp_read(vm);
	if (!reply)
		die("QEMU %d: QMP closed after %.*s", vm->id, len - 1, cmd);
	if (strstr(reply, "\"error\""))
		die("QEMU %d: %.*s: %s", vm->id, len - 1, cmd, reply);
	return reply;
}

static long long jnum(const char *s, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	p = strstr(s, pat);
	return p ? strtoll(p + strlen(pat), NULL, 10) : -1;
}

static void jstr(const char *s, const char *key, char *out, size_t len)
{
	char pat[64];
	const char *p, *e;

	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	p = strstr(s, pat);
	out[0] = 0;
	if (!p)
		return;
	p += strlen(pat);
	e = strchr(p, '"');
	if (e && (size_t)(e - p) < len)
		snprintf(out, len, "%.*s", (int)(e - p), p);
}

/* Read what the guest printed since last time, and record its progress. */
static void vm_poll_console(struct vm *vm)
{
	int c;

	if (!vm->con) {
		vm->con = fopen(vm->serial, "r");
		if (!vm->con)
			return;
	}
	clearerr(vm->con);
	while ((c = fgetc(vm->con)) != EOF) {
		unsigned long long ms, ops, passes, errors;

		if (c == '\r')
			continue;
		if (c != '\n') {
			if (vm->llen < sizeof(vm->line) - 1)
				vm->line[vm->llen++] = c;
			continue;
		}
		vm->line[vm->llen] = 0;
		vm->llen = 0;
		if (sscanf(vm->line, "progress %llu %llu %llu %llu",
			   &ms, &ops, &passes, &errors) == 4) {
			if (vm->nr_progress < MAX_PROGRESS) {
				vm->pt[vm->nr_progress] = now();
				vm->pops[vm->nr_progress++] = ops;
			}
			vm->errors = errors;
			continue;
		}
		if (strstr(vm->line, "PATTERN ERROR"))
			vm->pattern_error_seen = true;
		if (strstr(vm->line, "guest: writing"))
			vm->restarted = vm->id != 0;
		/*
		 * Anything else the guest says is worth seeing, but for the
		 * rest of a line that it began on the source.
		 */
		if (!strstr(vm->line, "progress") && strspn(vm->line, "0123456789 ") != strlen(vm->line))
			printf("  guest %d: %s\n", vm->id, vm->line);
	}
}

/* Let time pass while following the console. */
static void vm_follow(struct vm *vm, double seconds)
{
	double end = now() + seconds;

	do {
		vm_poll_console(vm);
		usleep(20000);
	} while (now() < end);
	vm_poll_console(vm);
}

/* Pages written by the guest at the last progress line at or before t. */
static bool ops_at(struct vm *vm, double t, double *when, uint64_t *ops)
{
	for (int i = vm->nr_progress - 1; i >= 0; i--) {
		if (vm->pt[i] <= t) {
			*when = vm->pt[i];
			*ops = vm->pops[i];
			return true;
		}
	}
	return false;
}

static void vm_quit(struct vm *vm)
{
	int status;

	if (!vm->pid)
		return;
	if (write(vm->qmp, "{\"execute\": \"quit\"}\n", 20) != 20)
		kill(vm->pid, SIGKILL);
	for (double t0 = now(); waitpid(vm->pid, &status, WNOHANG) != vm->pid;
	     usleep(20000)) {
		if (now() - t0 > 20) {
			kill(vm->pid, SIGKILL);
			waitpid(vm->pid, &status, 0);
			break;
		}
	}
	close(vm->qmp);
	if (vm->con)
		fclose(vm->con);
	vm->con = NULL;
	vm->pid = 0;
}

/* The KVM debugfs counter NAME of the VM that process PID created. */
static long long kvm_stat(pid_t pid, const char *name)
{
	char prefix[32], path[512];
	long long v = -1;
	struct dirent *de;
	DIR *d = opendir("/sys/kernel/debug/kvm");

	if (!d)
		return -1;
	snprintf(prefix, sizeof(prefix), "%d-", pid);
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/debug/kvm/%s/%s",
			 de->d_name, name);
		v = read_ll(path);
		break;
	}
	closedir(d);
	return v;
}

static void wait_status(struct vm *vm, const char *want, double timeout)
{
	char status[64];

	for (double t0 = now();; usleep(50000)) {
		char *r = qmp(vm, "{\"execute\": \"query-status\"}");

		jstr(r, "status", status, sizeof(status));
		free(r);
		if (!strcmp(status, want))
			return;
		if (now() - t0 > timeout)
			die("QEMU %d: status %s, waited %.0fs for %s", vm->id,
			    status, timeout, want);
	}
}

/* Host interference. */
static long long vmstat(const char *name)
{
	char key[64];
	long long v, found = 0;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return 0;
	while (fscanf(f, "%63s %lld", key, &v) == 2)
		if (!strcmp(key, name))
			found = v;
	fclose(f);
	return found;
}

/* The source's guest RAM: its largest anonymous read-write mapping. */
static bool guest_ram(pid_t pid, unsigned long *start, unsigned long *len)
{
	char path[64], line[512];
	FILE *f;

	*len = 0;
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long a, b;
		char perms[8];
		int n = 0;

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &a, &b, perms, &n) < 3)
			continue;
		if (strncmp(perms, "rw", 2) || (n && line[n] && line[n] != '\n'))
			continue;
		if (b - a > *len) {
			*start = a;
			*len = b - a;
		}
	}
	fclose(f);
	return *len >= (ram_mb << 20);
}

static long long pageout_calls, compact_calls, collapse_calls, ksm_sharing_max;

static void *interfere(void *arg)
{
	unsigned int seed = 1;

	(void)arg;
	while (!interference_stop) {
		pid_t pid = cur_src;
		unsigned long start, len;

		if ((x_pageout || x_thp) && pid && guest_ram(pid, &start, &len)) {
			int pidfd = syscall(SYS_pidfd_open, pid, 0);
			unsigned long chunk = 2UL << 20;
			struct iovec iov = {
				.iov_base = (void *)(start + (rand_r(&seed) % (len / chunk)) * chunk),
				.iov_len = chunk,
			};

			/* Swap a chunk out (splitting its huge page)... */
			if (pidfd >= 0 && x_pageout &&
			    syscall(SYS_process_madvise, pidfd, &iov, 1, MADV_PAGEOUT, 0) > 0)
				pageout_calls++;
			/* ...and collapse another one into a huge page. */
			iov.iov_base = (void *)(start + (rand_r(&seed) % (len / chunk)) * chunk);
			if (pidfd >= 0 && x_thp &&
			    syscall(SYS_process_madvise, pidfd, &iov, 1, MADV_COLLAPSE, 0) > 0)
				collapse_calls++;
			if (pidfd >= 0)
				close(pidfd);
		}
		if (x_compact && !(rand_r(&seed) % 5)) {
			write_str("/proc/sys/vm/compact_memory", "1");
			compact_calls++;
		}
		if (x_ksm) {
			long long v = read_ll("/sys/kernel/mm/ksm/pages_sharing");

			if (v > ksm_sharing_max)
				ksm_sharing_max = v;
		}
		usleep(100000);
	}
	return NULL;
}

static long long swapped0, compacted0, thp0;
static pthread_t interference_thread;

static void interference_start(void)
{
	if (!(x_ksm || x_pageout || x_compact || x_thp))
		return;
	swapped0 = vmstat("pswpout");
	compacted0 = vmstat("compact_migrate_scanned") + vmstat("compact_free_scanned");
	thp0 = vmstat("thp_collapse_alloc");
	if (x_ksm) {
		set_host("/sys/kernel/mm/ksm/sleep_millisecs", "10");
		set_host("/sys/kernel/mm/ksm/pages_to_scan", "4000");
		set_host("/sys/kernel/mm/ksm/run", "1");
	}
	if (x_thp) {
		set_host("/sys/kernel/mm/transparent_hugepage/enabled", "always");
		set_host("/sys/kernel/mm/transparent_hugepage/khugepaged/scan_sleep_millisecs", "10");
		set_host("/sys/kernel/mm/transparent_hugepage/khugepaged/pages_to_scan", "4096");
	}
	pthread_create(&interference_thread, NULL, interfere, NULL);
}

/* Stop, say what each did, and fail one that did nothing. */
static void interference_stop_report(void)
{
	long long v;

	if (!(x_ksm || x_pageout || x_compact || x_thp))
		return;
	interference_stop = true;
	pthread_join(interference_thread, NULL);
	if (x_ksm) {
		printf("interference ksm: at most %lld pages sharing\n", ksm_sharing_max);
		if (ksm_sharing_max <= 0)
			fail("interference ksm had no effect");
	}
	if (x_pageout) {
		v = vmstat("pswpout") - swapped0;
		printf("interference pageout: %lld calls, pswpout +%lld\n", pageout_calls, v);
		if (v <= 0 || !pageout_calls)
			fail("interference pageout had no effect");
	}
	if (x_compact) {
		v = vmstat("compact_migrate_scanned") + vmstat("compact_free_scanned") - compacted0;
		printf("interference compact: %lld calls, pages scanned +%lld\n", compact_calls, v);
		if (v <= 0)
			fail("interference compact had no effect");
	}
	if (x_thp) {
		/* Collapses only: every new QEMU's RAM faults huge pages in. */
		v = vmstat("thp_collapse_alloc") - thp0;
		printf("interference thp: %lld MADV_COLLAPSE calls, huge pages collapsed +%lld\n",
		       collapse_calls, v);
		if (v <= 0)
			fail("interference thp had no effect");
	}
}

/* Save RAM of both paused VMs and compare page by page. */
static uint64_t compare_ram(struct vm *src, struct vm *dst, uint64_t *compared)
{
	size_t size = ram_mb << 20;
	char fs[128], fd[128];
	uint64_t differ = 0;
	unsigned char *a, *b;
	int ia, ib;

	vm_path(fs, sizeof(fs), src->id, "ram");
	vm_path(fd, sizeof(fd), dst->id, "ram");
	free(qmp(src, "{\"execute\": \"pmemsave\", \"arguments\": {\"val\": %lu, \"size\": %zu, \"filename\": \"%s\"}}",
		 GUEST_RAM_BASE, size, fs));
	free(qmp(dst, "{\"execute\": \"pmemsave\", \"arguments\": {\"val\": %lu, \"size\": %zu, \"filename\": \"%s\"}}",
		 GUEST_RAM_BASE, size, fd));
	ia = open(fs, O_RDONLY);
	ib = open(fd, O_RDONLY);
	if (ia < 0 || ib < 0)
		die("open the saved RAM: %s", strerror(errno));
	a = mmap(NULL, size, PROT_READ, MAP_PRIVATE, ia, 0);
	b = mmap(NULL, size, PROT_READ, MAP_PRIVATE, ib, 0);
	if (a == MAP_FAILED || b == MAP_FAILED)
		die("mmap the saved RAM: %s", strerror(errno));
	/* Gone once unmapped, even if the run dies here. */
	unlink(fs);
	unlink(fd);
	for (size_t off = 0; off < size; off += PAGE) {
		if (!memcmp(a + off, b + off, PAGE))
			continue;
		if (differ++ < 4)
			printf("  page at guest PA %#lx differs from the source\n",
			       GUEST_RAM_BASE + off);
	}
	*compared = size / PAGE;
	munmap(a, size);
	munmap(b, size);
	close(ia);
	close(ib);
	unlink(fs);
	unlink(fd);
	return differ;
}

/*
 * -E: what QEMU does with settings it must refuse, or accept.  Each bad
 * setting must make QEMU exit at startup with a message that says why.
 */
static int check_errors(void)
{
	static const struct {
		const char *hw_dbm, *extra, *expect;	/* expect NULL: must start */
	} cases[] = {
		{ "on", ",dirty-ring-size=4096", "hw-dbm=on cannot be used with the KVM dirty ring" },
		{ "bogus", "", "hw-dbm" },
		{ "auto", ",dirty-ring-size=4096", NULL },
		{ "on", "", NULL },
		{ "off", "", NULL },
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vm vm = { 0 };
		char path[128], buf[1024] = "";
		FILE *f;

		hw_dbm_arg = cases[i].hw_dbm;
		accel_extra = cases[i].extra;
		if (cases[i].expect) {
			int status;
			pid_t pid;

			vm_path(path, sizeof(path), 100 + (int)i, "stderr");
			fflush(stdout);
			pid = fork();
			if (!pid) {
				int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

				/* vm_start() kills its process group when QEMU exits. */
				setpgid(0, 0);
				dup2(fd, 1);
				dup2(fd, 2);
				vm_start(&vm, 100 + (int)i, "sw", false);
				vm_quit(&vm);
				_exit(0);
			}
			waitpid(pid, &status, 0);
			f = fopen(path, "r");
			if (f) {
				size_t n = fread(buf, 1, sizeof(buf) - 1, f);

				buf[n] = 0;
				fclose(f);
			}
			printf("hw-dbm=%s%s: %s", cases[i].hw_dbm, cases[i].extra,
			       buf[0] ? buf : "(no message)\n");
			/* The message, and QEMU's exit at startup. */
			if (!strstr(buf, cases[i].expect) || !strstr(buf, "exited at startup") ||
			    (WIFEXITED(status) && !WEXITSTATUS(status))) {
				printf("FAIL: hw-dbm=%s%s: QEMU did not refuse it with \"%s\"\n",
				       cases[i].hw_dbm, cases[i].extra, cases[i].expect);
				bad++;
			}
		} else {
			vm_start(&vm, 100 + (int)i, "sw", false);
			printf("hw-dbm=%s%s: QEMU starts\n", cases[i].hw_dbm, cases[i].extra);
			vm_quit(&vm);
			free(vm.pt);
			free(vm.pops);
		}
	}
	hw_dbm_arg = NULL;
	accel_extra = "";
	return bad;
}

static double median(double *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n ? (n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) : 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: qemu-migrate [-c sw,hwdbm] [-n migrations] [-m ram MiB] [-w working set MiB]\n"
		"                    [-B bandwidth MB/s] [-e eager-split-size] [-H always|madvise|never]\n"
		"                    [-D downtime ms] [-b baseline s] [-T timeout s]\n"
		"                    [-x none|ksm,pageout,compact,thp]\n"
		"       qemu-migrate -E   (QEMU refuses bad hw-dbm settings, starts with good ones)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct vm vms[2];
	struct vm *src, *dst;
	double lost[MAX_CONFIGS][256];
	int nr_lost[MAX_CONFIGS] = { 0 };
	bool errors_only = false;
	uint64_t total_compared = 0, total_differ = 0;
	int opt;

	while ((opt = getopt(argc, argv, "c:n:m:w:B:D:b:T:x:e:H:E")) != -1) {
		switch (opt) {
		case 'c':
			nr_configs = 0;
			for (char *tok = strtok(optarg, ","); tok && nr_configs < MAX_CONFIGS;
			     tok = strtok(NULL, ","))
				configs[nr_configs++] = tok;
			break;
		case 'n': nr_migrations = atoi(optarg); break;
		case 'm': ram_mb = strtoul(optarg, NULL, 0); break;
		case 'w': ws_mb = strtoul(optarg, NULL, 0); break;
		case 'E': errors_only = true; break;
		case 'e': eager_split = optarg; break;
		case 'H': thp_mode = optarg; break;
		case 'B': bandwidth_mb = strtoul(optarg, NULL, 0); break;
		case 'D': downtime_ms = strtoul(optarg, NULL, 0); break;
		case 'b': baseline_s = atof(optarg); break;
		case 'T': timeout_s = atof(optarg); break;
		case 'x':
			for (char *tok = strtok(optarg, ","); tok; tok = strtok(NULL, ",")) {
				if (!strcmp(tok, "ksm"))
					x_ksm = true;
				else if (!strcmp(tok, "pageout"))
					x_pageout = true;
				else if (!strcmp(tok, "compact"))
					x_compact = true;
				else if (!strcmp(tok, "thp"))
					x_thp = true;
				else if (strcmp(tok, "none"))
					usage();
			}
			break;
		default: usage();
		}
	}
	if (nr_migrations < 1 || nr_migrations > 256 || !nr_configs)
		usage();
	for (int i = 0; i < nr_configs; i++)
		if (strcmp(configs[i], "sw") && strcmp(configs[i], "hwdbm"))
			usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* A QEMU that died shows as an error on its socket, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	mkdir(workdir, 0755);
	if (errors_only)
		return check_errors() ? 1 : 0;
	lazy_split = (!thp_mode || strcmp(thp_mode, "never")) && !strcmp(eager_split, "0");

	/*
	 * How the host backs guest RAM: QEMU asks for transparent huge pages
	 * with madvise(), which the emulated host's default (madvise) grants.
	 */
	if (thp_mode)
		set_host("/sys/kernel/mm/transparent_hugepage/enabled", thp_mode);
	interference_start();
	src = &vms[0];
	vm_start(src, 0, configs[0], false);
	cur_src = src->pid;
	/* Boot, then let the guest settle into its loop. */
	for (double t0 = now(); src->nr_progress < 10; usleep(50000)) {
		vm_poll_console(src);
		if (now() - t0 > timeout_s)
			die("the guest printed no progress within %.0fs", timeout_s);
	}
	printf("guest booted and writing; %lu MiB RAM, %lu MiB working set\n",
	       ram_mb, ws_mb);

	for (int nr = 0; nr < nr_migrations; nr++) {
		const char *next = configs[(nr + 1) % nr_configs];
		int ci = nr % nr_configs;
		long long dbm0, faults0, dbm1, faults1, dirty_rate = 0;
		char status[64] = "";
		double t_start, t_end, t_cont, tb0, tb1, td0, td1, rate_before, rate_during;
		uint64_t ob0, ob1, od0, od1, compared, differ, written;
		double guest_lost;
		char *r;

		dst = &vms[(nr + 1) & 1];
		vm_start(dst, nr + 1, next, true);

		/* The guest's rate before, over the baseline window. */
		vm_follow(src, baseline_s);
		/*
		 * The copy is paced, so that it leaves the guest a CPU of its
		 * own in the emulated host (two CPUs for the guest's vCPU, the
		 * migration thread and the destination), and lasts long enough
		 * for QEMU to measure the dirty page rate (once a second).
		 */
		free(qmp(src, "{\"execute\": \"migrate-set-parameters\", \"arguments\": {\"downtime-limit\": %lu, \"max-bandwidth\": %lu}}",
			 downtime_ms, bandwidth_mb * 1000000));
		dbm0 = kvm_stat(src->pid, "hw_dbm_sync_dirty");
		faults0 = kvm_stat(src->pid, "dirty_log_write_faults");

		t_start = now();
		vm_poll_console(src);
		{
			char uri[128];

			vm_path(uri, sizeof(uri), dst->id, "mig");
			free(qmp(src, "{\"execute\": \"migrate\", \"arguments\": {\"uri\": \"unix:%s\"}}", uri));
		}
		for (;;) {
			long long rate;

			vm_follow(src, 0.05);
			r = qmp(src, "{\"execute\": \"query-migrate\"}");
			jstr(r, "status", status, sizeof(status));
			/* Only reported while the migration runs. */
			rate = jnum(r, "dirty-pages-rate");
			if (rate > 0)
				dirty_rate = rate;
			if (!strcmp(status, "completed") || !strcmp(status, "failed") ||
			    !strcmp(status, "cancelled"))
				break;
			free(r);
			if (now() - t_start > timeout_s) {
				die("migration %d (%s): still %s after %.0fs", nr,
				    configs[ci], status, timeout_s);
			}
		}
		t_end = now();
		if (strcmp(status, "completed"))
			die("migration %d (%s): %s: %s", nr, configs[ci], status, r);
		dbm1 = kvm_stat(src->pid, "hw_dbm_sync_dirty");
		faults1 = kvm_stat(src->pid, "dirty_log_write_faults");
		if (dbm0 < 0 || faults0 < 0 || dbm1 < 0 || faults1 < 0)
			die("migration %d: the source VM's KVM counters are missing from debugfs", nr);
		vm_follow(src, 0.2);

		/* Both paused: compare every page. */
		wait_status(src, "postmigrate", 10);
		wait_status(dst, "paused", 30);
		differ = compare_ram(src, dst, &compared);
		total_compared += compared;
		total_differ += differ;

		if (!ops_at(src, t_start - baseline_s + 0.2, &tb0, &ob0) ||
		    !ops_at(src, t_start, &tb1, &ob1) || tb1 <= tb0 ||
		    !ops_at(src, t_start, &td0, &od0) ||
		    !ops_at(src, t_end + 1, &td1, &od1))
			die("migration %d: too few progress lines", nr);
		rate_before = (ob1 - ob0) / (tb1 - tb0);
		if (rate_before <= 0)
			die("migration %d: the guest made no progress before it", nr);
		/* The guest's count at t_start, from the line before at its rate. */
		od0 += (uint64_t)((t_start - td0) * rate_before);
		written = od1 > od0 ? od1 - od0 : 0;
		rate_during = written / (t_end - t_start);
		guest_lost = (t_end - t_start) - written / rate_before;

		printf("migration %d %s: total %lld ms, downtime %lld ms, setup %lld ms, iterations %lld, "
		       "transferred %lld bytes, pages %lld, dirty rate %lld pages/s\n",
		       nr, configs[ci], jnum(r, "total-time"), jnum(r, "downtime"),
		       jnum(r, "setup-time"), jnum(r, "dirty-sync-count"),
		       jnum(r, "transferred"), jnum(r, "normal"), dirty_rate);
		printf("migration %d %s: guest %.0f pages/s before, %.0f during, %.3f s lost; "
		       "KVM: %lld pages from DBM, %lld write faults; %lu of %lu pages differ\n",
		       nr, configs[ci], rate_before, rate_during, guest_lost,
		       dbm1 - dbm0, faults1 - faults0, differ, compared);
		printf("CSV,%s,%d,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%.0f,%.0f,%.3f,%lld,%lld,%lu\n",
		       configs[ci], nr, jnum(r, "total-time"), jnum(r, "downtime"),
		       jnum(r, "setup-time"), jnum(r, "dirty-sync-count"),
		       jnum(r, "transferred"), jnum(r, "normal"),
		       dirty_rate, rate_before, rate_during,
		       guest_lost, dbm1 - dbm0, faults1 - faults0, differ);
		free(r);
		if (nr_lost[ci] < 256)
			lost[ci][nr_lost[ci]++] = guest_lost;

		if (differ)
			fail("migration %d (%s): %lu of %lu pages differ from the source after migration",
			     nr, configs[ci], differ, compared);
		/*
		 * The configuration must have taken effect: with hw-dbm=on the
		 * hardware records most of the sequential writes, and without
		 * it, nothing is collected from DBM.  Swapping pages out,
		 * compaction and THP collapse take some of the DBM state away
		 * with the unmapped entries (reported as they go), and KSM
		 * keeps merged pages read-only in the host, where DBM is
		 * rightly not granted.  On huge pages split lazily, a page of
		 * a block takes its own write fault before it can get DBM,
		 * once per migration.
		 */
		if (!strcmp(configs[ci], "hwdbm") && x_ksm)
			printf("migration %d (hwdbm): KSM on, DBM use not checked\n", nr);
		if (!strcmp(configs[ci], "hwdbm") && !x_ksm &&
		    !(dbm1 - dbm0 > (x_pageout || x_compact || x_thp || lazy_split ?
				     0 : faults1 - faults0)))
			fail("migration %d (hwdbm): %lld pages from DBM against %lld write faults",
			     nr, dbm1 - dbm0, faults1 - faults0);
		if (!strcmp(configs[ci], "sw") && dbm1 != dbm0)
			fail("migration %d (sw): %lld pages from DBM", nr, dbm1 - dbm0);

		/* Let the destination run: it must keep going, pattern intact. */
		t_cont = now();
		free(qmp(dst, "{\"execute\": \"cont\"}"));
		cur_src = dst->pid;
		printf("migration %d: destination running\n", nr);
		vm_quit(src);
		printf("migration %d: source quit\n", nr);
		/*
		 * The guest goes on where it was stopped: its count carries on
		 * from the source's last, and it does not start over.
		 */
		vm_follow(dst, after_s);
		if (dst->nr_progress < 3 || dst->pops[0] < od1 ||
		    dst->pops[dst->nr_progress - 1] <= dst->pops[0])
			fail("migration %d: the guest made no progress on the destination (%d lines, from %llu pages, source at %llu)",
			     nr, dst->nr_progress,
			     (unsigned long long)(dst->nr_progress ? dst->pops[0] : 0),
			     (unsigned long long)od1);
		if (dst->restarted)
			fail("migration %d: the guest started over on the destination", nr);
		/*
		 * The guest's progress around the migration, for plots: time
		 * from the start of the migration, and pages written.
		 */
		for (int i = 0; i < src->nr_progress; i++)
			if (src->pt[i] >= t_start - baseline_s && src->pt[i] <= t_end)
				printf("TS,%s,%d,%.3f,%llu\n", configs[ci], nr,
				       src->pt[i] - t_start,
				       (unsigned long long)src->pops[i]);
		/* Without the time both sides sat paused for the compare. */
		for (int i = 0; i < dst->nr_progress; i++)
			printf("TS,%s,%d,%.3f,%llu\n", configs[ci], nr,
			       dst->pt[i] - t_start - (t_cont - t_end),
			       (unsigned long long)dst->pops[i]);
		if (dst->errors > src->errors || dst->pattern_error_seen)
			fail("migration %d: the guest found %llu pattern errors after it",
			     nr, (unsigned long long)dst->errors);
		src = dst;
	}
	cur_src = 0;
	vm_quit(src);
	interference_stop_report();
	restore_host();

	for (int ci = 0; ci < nr_configs; ci++) {
		double v[256], lo = 0, hi = 0;
		int n = nr_lost[ci];

		if (!n)
			continue;
		memcpy(v, lost[ci], n * sizeof(*v));
		median(v, n);
		lo = v[0];
		hi = v[n - 1];
		printf("%s: guest time lost per migration: median %.3f s, min %.3f, max %.3f (%d migrations)\n",
		       configs[ci], median(v, n), lo, hi, n);
	}
	printf("%d migrations: %lu pages compared, %lu differ\n", nr_migrations,
	       total_compared, total_differ);
	return failures ? 1 : 0;
}
