/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The uname machine a task with the x86 view sees: what an x86-64 kernel
 * answers.  Its override_architecture() says "i686" to every task whose
 * personality is PER_LINUX32 (linux32, setarch i686), 64-bit or 32-bit,
 * and "x86_64" to all others, i386 programs included.  Pure logic,
 * shared by the uname hook, KUnit and the host tests.
 */
#ifndef XLATE_LIB_UNAME_MACHINE_H
#define XLATE_LIB_UNAME_MACHINE_H

#include "pure.h"

/* <linux/personality.h>'s PER_LINUX32 and PER_MASK, checked by KUnit. */
#define XLATE_PER_LINUX32	0x0008U
#define XLATE_PER_MASK		0x00ffU
/* sizeof(struct new_utsname.machine) */
#define XLATE_UTS_MACHINE_LEN	65U

/**
 * xlate_uname_machine() - the machine field for a task with the x86 view
 * @personality: the task's personality word
 *
 * Return: "i686" under PER_LINUX32, else "x86_64"; either is a
 * NUL-padded array of XLATE_UTS_MACHINE_LEN bytes, ready to copy whole.
 */
static inline const char *xlate_uname_machine(unsigned int personality)
{
	static const char x86_64[XLATE_UTS_MACHINE_LEN] = "x86_64";
	static const char i686[XLATE_UTS_MACHINE_LEN] = "i686";

	if ((personality & XLATE_PER_MASK) == XLATE_PER_LINUX32)
		return i686;
	return x86_64;
}

#endif /* XLATE_LIB_UNAME_MACHINE_H */
