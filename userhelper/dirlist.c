// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a sysfs directory of one-value files into name/value pairs:
 * the known names first, in their order, then any others the module
 * has, alphabetically.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "xlatectl.h"

static int in_list(const char *const *list, const char *name)
{
	int i;

	for (i = 0; list[i]; i++)
		if (!strcmp(list[i], name))
			return i;
	return -1;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add(struct kv_list *l, const char *dir, const char *name)
{
	char path[PATH_BUF], value[VALUE_BUF];

	if (l->n == KV_MAX)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (read_value(path, value, sizeof(value)))
		return;
	l->kv[l->n].name = strdup(name);
	l->kv[l->n].value = strdup(value);
	if (l->kv[l->n].name && l->kv[l->n].value)
		l->n++;
}

/**
 * kv_read_dir() - read every readable file of @dir
 * @l: emptied, then filled in
 * @dir: the directory (already rooted)
 * @known: the names to list first, NULL-terminated
 * @skip: names never to read (write-only files), NULL-terminated, or NULL
 *
 * Return: 0, or -1 if @dir cannot be opened.
 */
int kv_read_dir(struct kv_list *l, const char *dir, const char *const *known,
		const char *const *skip)
{
	char *extra[KV_MAX];
	struct dirent *de;
	int i, nextra = 0;
	DIR *d;

	l->n = 0;
	d = opendir(dir);
	if (!d)
		return -1;
	for (i = 0; known[i]; i++)
		add(l, dir, known[i]);
	while ((de = readdir(d)) && nextra < KV_MAX) {
		if (de->d_name[0] == '.' || in_list(known, de->d_name) >= 0 ||
		    (skip && in_list(skip, de->d_name) >= 0))
			continue;
		extra[nextra] = strdup(de->d_name);
		if (extra[nextra])
			nextra++;
	}
	closedir(d);
	qsort(extra, nextra, sizeof(extra[0]), cmp_name);
	for (i = 0; i < nextra; i++) {
		add(l, dir, extra[i]);
		free(extra[i]);
	}
	return 0;
}

/**
 * kv_free() - free the names and values of @l and empty it
 * @l: a list filled by kv_read_dir()
 */
void kv_free(struct kv_list *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		free(l->kv[i].name);
		free(l->kv[i].value);
	}
	l->n = 0;
}

/**
 * kv_get() - look up a value by name
 * @l: the list
 * @name: the file name
 *
 * Return: the value of @name in @l, or NULL.
 */
const char *kv_get(const struct kv_list *l, const char *name)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->kv[i].name, name))
			return l->kv[i].value;
	return NULL;
}
