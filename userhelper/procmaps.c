// SPDX-License-Identifier: GPL-2.0
/*
 * Reading /proc/PID/stat and /proc/PID/maps text: which file is mapped
 * at a task's start of code.  That is the ELF the kernel loaded, which
 * for a translated task is the runtime even when xlate's exe switch
 * makes /proc/PID/exe name the program.  Pure: text in, answer out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlatectl.h"

/**
 * stat_field() - a numeric field of /proc/PID/stat
 * @stat: the file's text
 * @field: its number as proc(5) counts (1: pid, 2: comm, 26: startcode)
 * @out: the value
 *
 * comm may hold spaces and parentheses, so fields are counted from
 * after its last ')'.
 *
 * Return: 0, or -1 if the text has no such numeric field.
 */
int stat_field(const char *stat, int field, unsigned long *out)
{
	const char *p = strrchr(stat, ')');
	char *end;
	int i;

	if (!p || field < 3)
		return -1;
	p++;
	for (i = 3; i <= field; i++) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			return -1;
		if (i == field)
			break;
		p += strcspn(p, "\n ");
	}
	*out = strtoul(p, &end, 10);
	return end == p || (*end && *end != ' ' && *end != '\n') ? -1 : 0;
}

/**
 * maps_file_at() - the file mapped at an address, from /proc/PID/maps
 * @maps: the file's text
 * @addr: the address
 * @path: where the mapped file's path goes
 * @size: its size
 *
 * Return: 0, or -1 if nothing file-backed is mapped at @addr.
 */
int maps_file_at(const char *maps, unsigned long addr, char *path,
		 size_t size)
{
	const char *line = maps;

	while (*line) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		unsigned long lo, hi;
		int off = 0;

		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi,
			   &off) == 2 && off && addr >= lo && addr < hi) {
			if ((size_t)off >= len || line[off] != '/')
				return -1;
			snprintf(path, size, "%.*s", (int)(len - off),
				 line + off);
			return 0;
		}
		line += len + (eol ? 1 : 0);
	}
	return -1;
}
