/* SPDX-License-Identifier: GPL-2.0 */
/* Name/value pairs read from a sysfs directory (dirlist.c). */
#ifndef XLATECTL_DIRLIST_H
#define XLATECTL_DIRLIST_H

#include <stdio.h>

#define KV_MAX	64

struct kv {
	char *name;
	char *value;
};

struct kv_list {
	int n;
	struct kv kv[KV_MAX];
};

int kv_read_dir(struct kv_list *l, const char *dir, const char *const *known,
		const char *const *skip);
void kv_free(struct kv_list *l);
const char *kv_get(const struct kv_list *l, const char *name);

#endif /* XLATECTL_DIRLIST_H */
