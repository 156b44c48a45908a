/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * xlate: user-visible ABI shared by the kernel module and xlatectl.
 *
 * The personality marker
 * ----------------------
 * A task carries the x86 view (uname machine "x86_64", x86-format
 * /proc/cpuinfo) while XLATE_PER_X86 is set in its personality.  The bits
 * lie above every flag <linux/personality.h> defines (the highest is
 * ADDR_LIMIT_3GB, 0x8000000) and outside PER_MASK, so personality(2)
 * passes them through unchanged and no kernel code interprets them.
 *
 * XLATE_PER_X86         the task sees the x86 view.
 * XLATE_PER_TRANSLATED  the marker was set by a translated exec; the next
 *                       successful exec of a native program clears both
 *                       bits.  A marker set by hand (XLATE_PER_X86 alone)
 *                       survives native execs, like setarch's flags, and
 *                       translated ones, but not a secure exec (set-id or
 *                       file capabilities, AT_SECURE).
 *
 * XLATE_PER_TRANSLATED alone marks a translated exec in flight: set at the
 * hand-off, completed to both bits when the exec succeeds.  An exec that
 * fails after the hand-off leaves it on the caller (no x86 view) until the
 * caller's next exec.  Only the kernel sets XLATE_PER_TRANSLATED: xlate
 * drops it from what personality(2) writes, so both bits written by hand
 * are a marker set by hand.
 *
 * A task marked by a translated exec neither sees the bits in what
 * personality(2) returns nor drops them by setting a personality; a
 * pending marker is hidden too.  Read /proc/PID/personality for the
 * kernel's value.
 *
 * Both bits are inherited by fork and clone.
 */
#ifndef _UAPI_XLATE_H
#define _UAPI_XLATE_H

#define XLATE_PER_X86		0x40000000U
#define XLATE_PER_TRANSLATED	0x20000000U
#define XLATE_PER_MARKER	(XLATE_PER_X86 | XLATE_PER_TRANSLATED)

/* sysfs locations */
#define XLATE_SYSFS_PARAMS	"/sys/module/xlate/parameters"
#define XLATE_SYSFS_DIR		"/sys/kernel/xlate"
#define XLATE_SYSFS_STATS	XLATE_SYSFS_DIR "/stats"
#define XLATE_SYSFS_CPUINFO	XLATE_SYSFS_DIR "/cpuinfo"
/*
 * The runtime and its modes as one binfmt_misc registration line, read
 * back as written; where it came from: "config", "parameters", "load",
 * "autodetect" or "default".
 */
#define XLATE_SYSFS_CONFIG	XLATE_SYSFS_DIR "/config"
#define XLATE_SYSFS_CONFIG_SOURCE	XLATE_SYSFS_DIR "/config_source"

#endif /* _UAPI_XLATE_H */
