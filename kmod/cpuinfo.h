/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 view of /proc/cpuinfo: the profile under
 * /sys/kernel/xlate/cpuinfo/ and the renderer the /proc hook calls.
 */
#ifndef XLATE_CPUINFO_H
#define XLATE_CPUINFO_H

struct kobject;
struct seq_file;

int xlate_cpuinfo_init(struct kobject *xlate_kobj);
void xlate_cpuinfo_exit(void);
int xlate_cpuinfo_show(struct seq_file *m, unsigned int cpu);

#endif /* XLATE_CPUINFO_H */
