// SPDX-License-Identifier: GPL-2.0
/*
 * tiny: the smallest x86-64 program, for exec stress.  No C library:
 * _start exits with status 42 at once, so nearly all of a translated
 * exec's cost is the kernel's hand-off and the runtime's start-up, and
 * status 42 proves that the x86-64 code really ran.
 */
void _start(void)
{
	__asm__ volatile("mov $60, %%eax\n\t"	/* exit */
			 "mov $42, %%edi\n\t"
			 "syscall" ::: "memory");
	__builtin_unreachable();
}
