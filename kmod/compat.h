/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where kernel-version and architecture differences live.
 * Supported: Linux 6.1 and 6.12 (Debian bookworm) and Debian sid's
 * newest kernel (7.2 when last checked, with 4K and 16K pages), arm64;
 * the module also builds for x86-64 (where it refuses to load) so that
 * build checks cover both.  7.2 needed nothing beyond what 6.12 does to
 * build.
 */
#ifndef XLATE_COMPAT_H
#define XLATE_COMPAT_H

#include "lib/elf_x86.h"

/*
 * The syscall wrappers probed.  uname(2) has one wrapper for native and
 * compat tasks.  personality(2) has two on arm64: the native table
 * calls arm64's own arm64_personality() (arch/arm64/kernel/sys.c),
 * while the AArch32 table (sys32.c) calls the generic one, so a
 * CONFIG_COMPAT kernel (every Debian arm64 kernel) needs both probed;
 * x86-64's ia32 table likewise has its own wrapper.
 */
#if defined(CONFIG_ARM64)
#define XLATE_HOST_IS_ARM64	1
#define XLATE_HOST_EM		XLATE_EM_AARCH64
#define XLATE_SYM_NEWUNAME	"__arm64_sys_newuname"
#define XLATE_SYM_PERSONALITY	"__arm64_sys_arm64_personality"
#define XLATE_SYM_COMPAT_PERSONALITY	"__arm64_sys_personality"
#define XLATE_HAVE_COMPAT_PERSONALITY	IS_ENABLED(CONFIG_COMPAT)
#elif defined(CONFIG_X86_64)
#define XLATE_HOST_IS_ARM64	0
#define XLATE_HOST_EM		XLATE_EM_X86_64
#define XLATE_SYM_NEWUNAME	"__x64_sys_newuname"
#define XLATE_SYM_PERSONALITY	"__x64_sys_personality"
#define XLATE_SYM_COMPAT_PERSONALITY	"__ia32_sys_personality"
#define XLATE_HAVE_COMPAT_PERSONALITY	IS_ENABLED(CONFIG_IA32_EMULATION)
#else
#error "xlate supports arm64 hosts (and builds for x86-64 for testing)"
#endif

/*
 * mm->exe_file and the write denial it holds.  5.15 made exe_file hold
 * a denial (deny_write_access()); 6.11-rc1 dropped it, 6.13-rc1 put it
 * back with exe_file_{deny,allow}_write_access() (which skip files with
 * pre-content fsnotify watches), and 6.12.2 and 6.1.y took those
 * helpers.  binfmt_x86.c, config.c and exe.c take and drop denials only
 * through them, exactly as open_exec(), set_mm_exe_file() and fork's
 * dup_mm_exe_file() do, so a kernel without them (6.11 to 6.12.1,
 * where exe_file holds none) is not supported.  Kbuild tests the
 * headers.
 */
#ifndef XLATE_HAVE_EXE_FILE_DENY_WRITE_ACCESS
#error "xlate needs exe_file_deny_write_access() (6.13, 6.12.2, 6.1.y)"
#endif

/* /proc/cpuinfo's open routine, generic in fs/proc/cpuinfo.c. */
#define XLATE_SYM_CPUINFO_OPEN	"cpuinfo_open"

/*
 * procfs's splice_read for seq_file entries: copy_splice_read() since
 * 6.5.  XLATE_HAVE_COPY_SPLICE_READ comes from a feature test of the
 * target kernel's headers in Kbuild, not from a version number, so
 * backports are honoured.
 */
#ifdef XLATE_HAVE_COPY_SPLICE_READ
#define XLATE_SPLICE_READ	copy_splice_read
#else
#define XLATE_SPLICE_READ	generic_file_splice_read
#endif

/*
 * The x86-view hooks (probe.c): an ftrace callback on the function's
 * patched entry wherever the kernel has dynamic ftrace with registers
 * or arguments (every supported kernel), because a native caller then
 * pays a call and a test, while a kprobe is a breakpoint trap on arm64;
 * kprobes are the fallback for a kernel built without function tracing
 * (the KUnit kernel).  A hook that runs a replacement function sets the
 * saved instruction pointer (FTRACE_OPS_FL_IPMODIFY, as livepatch does):
 *
 * - DYNAMIC_FTRACE_WITH_REGS (arm64 up to 6.1, x86-64): the callback
 *   gets a full pt_regs with FTRACE_OPS_FL_SAVE_REGS (ftrace_get_regs());
 * - DYNAMIC_FTRACE_WITH_ARGS alone (arm64 from 6.2, which dropped
 *   WITH_REGS): ftrace_regs_set_instruction_pointer(), 6.2's name for
 *   ftrace_instruction_pointer_set().
 */
#if IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS) || \
	IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
#define XLATE_PROBE_FTRACE	1
#include <linux/ftrace.h>
#include <linux/ptrace.h>

#if IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS)
#define XLATE_FTRACE_REPLACE_FLAGS \
	(FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY)

static __always_inline void xlate_ftrace_replace(struct ftrace_regs *fregs,
						 void *func)
{
	instruction_pointer_set(ftrace_get_regs(fregs), (unsigned long)func);
}
#else
#define XLATE_FTRACE_REPLACE_FLAGS	FTRACE_OPS_FL_IPMODIFY

static __always_inline void xlate_ftrace_replace(struct ftrace_regs *fregs,
						 void *func)
{
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)func);
}
#endif
#else
#define XLATE_PROBE_FTRACE	0
#endif

#endif /* XLATE_COMPAT_H */
