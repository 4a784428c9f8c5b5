/* SPDX-License-Identifier: GPL-2.0 */
/*
 * print_task_stacks(): where each thread of some processes is in the
 * kernel, to tell a hang from a slow test.  Shared by init (an entry that
 * overran its timeout: its process group) and qemu-migrate (a QEMU that
 * stopped answering: its children).  Header-only; the includer provides
 * <dirent.h>, <stdio.h>, <stdlib.h>, <string.h> and <sys/types.h>.
 */
#ifndef TASKSTACKS_H
#define TASKSTACKS_H

/*
 * Every process whose process group is pgrp (pgrp > 0) or whose parent is
 * ppid (ppid > 0): for each of its threads, a line "PREFIX pid P tid T
 * (comm)" and its kernel stack, indented.
 */
static inline void print_task_stacks(FILE *out, const char *prefix, int pgrp, int ppid)
{
	DIR *proc = opendir("/proc");
	struct dirent *de;

	while (proc && (de = readdir(proc))) {
		int pid = atoi(de->d_name), pp = 0, pg = 0;
		char path[300], buf[512], *p;
		struct dirent *te;
		DIR *tasks;
		FILE *f;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
		/* pid (comm) state ppid pgrp ... */
		p = strrchr(buf, ')');
		if (!p || sscanf(p + 1, " %*c %d %d", &pp, &pg) != 2 ||
		    !((pgrp > 0 && pg == pgrp) || (ppid > 0 && pp == ppid)))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task", pid);
		tasks = opendir(path);
		while (tasks && (te = readdir(tasks))) {
			char comm[64] = "", line[256];

			if (te->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%d/task/%s/comm", pid, te->d_name);
			f = fopen(path, "r");
			if (f) {
				if (!fgets(comm, sizeof(comm), f))
					comm[0] = 0;
				comm[strcspn(comm, "\n")] = 0;
				fclose(f);
			}
			fprintf(out, "%s pid %d tid %s (%s), kernel stack:\n",
				prefix, pid, te->d_name, comm);
			snprintf(path, sizeof(path), "/proc/%d/task/%s/stack", pid, te->d_name);
			f = fopen(path, "r");
			while (f && fgets(line, sizeof(line), f))
				fprintf(out, "%s   %s", prefix, line);
			if (f)
				fclose(f);
		}
		if (tasks)
			closedir(tasks);
	}
	if (proc)
		closedir(proc);
	fflush(out);
}

#endif
