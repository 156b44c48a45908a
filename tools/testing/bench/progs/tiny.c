// SPDX-License-Identifier: GPL-2.0
/*
 * tiny: the smallest static program that exits 0, with no C library,
 * so that an exec of it costs little more than the exec itself.  The
 * benchmark execs it natively (arm64) and translated (x86-64).
 */
void _start(void);

void __attribute__((noreturn)) _start(void)
{
#if defined(__x86_64__)
	asm volatile("mov $60, %%eax\n\txor %%edi, %%edi\n\tsyscall" ::: "memory");
#elif defined(__aarch64__)
	asm volatile("mov x0, #0\n\tmov x8, #93\n\tsvc #0" ::: "memory");
#else
#error "tiny: x86-64 or arm64 only"
#endif
	__builtin_unreachable();
}
