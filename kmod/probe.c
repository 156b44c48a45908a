// SPDX-License-Identifier: GPL-2.0
/*
 * Registering xlate's kretprobes, which view.c arms and disarms
 * repeatedly, with their missed-hit counts kept across re-arming.
 */
#include "xlate.h"

#include <linux/cpumask.h>
#include <linux/kprobes.h>

/**
 * xlate_probe_register() - register (again) a kretprobe by symbol name
 * @p: the probe
 *
 * Only marked tasks hold return instances, and only while inside the
 * probed function, which may sleep: size the pool for that.
 *
 * Return: 0 or a negative errno.
 */
int xlate_probe_register(struct xlate_probe *p)
{
	int ret;

	p->rp.maxactive = 64 + 4 * num_possible_cpus();
	/* A probe that was registered before keeps its resolved address. */
	p->rp.kp.addr = NULL;
	p->rp.kp.flags = 0;
	ret = register_kretprobe(&p->rp);
	if (ret)
		/* Retried by every translated exec while it fails. */
		pr_err_ratelimited("cannot probe %s: %d\n",
				   p->rp.kp.symbol_name, ret);
	return ret;
}

/**
 * xlate_probe_unregister() - unregister a kretprobe
 * @p: the probe
 *
 * unregister_kretprobe() waits until no handler runs.  The misses of
 * this arming move into missed_before, so xlate_probe_missed() counts
 * them once while the probe is disarmed.
 */
void xlate_probe_unregister(struct xlate_probe *p)
{
	unregister_kretprobe(&p->rp);
	WRITE_ONCE(p->missed_before, p->missed_before + p->rp.nmissed);
	WRITE_ONCE(p->rp.nmissed, 0);
}

/**
 * xlate_probe_missed() - how often the probe could not run
 * @p: the probe
 *
 * Return: the kretprobe's nmissed count over every time it was armed.
 */
unsigned long xlate_probe_missed(const struct xlate_probe *p)
{
	return READ_ONCE(p->missed_before) + READ_ONCE(p->rp.nmissed);
}
