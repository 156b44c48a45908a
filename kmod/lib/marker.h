/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Personality marker bookkeeping: pure helpers shared by the module,
 * KUnit and the host tests.  See kmod/uapi/xlate.h for the bits.
 */
#ifndef XLATE_LIB_MARKER_H
#define XLATE_LIB_MARKER_H

#include "pure.h"
#include "../uapi/xlate.h"

/*
 * The tag a translated exec leaves in bprm->per_clear for the exec
 * tracepoint.  It is never set in a personality, so clearing it at the
 * point of no return changes nothing; like the marker bits it lies
 * above every flag <linux/personality.h> defines.
 */
#define XLATE_PER_EXEC_TAG	0x10000000U

/*
 * With XLATE_PER_EXEC_TAG: the exec's configuration had exe on, so the
 * tracepoint makes the program's file the mm's exe_file (exe.c).  The
 * same rules as the tag.
 */
#define XLATE_PER_EXEC_EXE	0x80000000U

/**
 * xlate_marker_has_x86_view() - does a task with @personality see x86?
 * @personality: the task's personality word
 *
 * Return: true if XLATE_PER_X86 is set.
 */
static inline bool xlate_marker_has_x86_view(unsigned int personality)
{
	return personality & XLATE_PER_X86;
}

/**
 * xlate_marker_keeps_view_armed() - must the x86-view hooks stay armed?
 * @personality: a task's personality word
 *
 * Any marker bit counts: XLATE_PER_TRANSLATED alone marks a translated
 * exec between the hand-off and its completion.
 *
 * Return: true if either marker bit is set.
 */
static inline bool xlate_marker_keeps_view_armed(unsigned int personality)
{
	return personality & XLATE_PER_MARKER;
}

/**
 * xlate_marker_is_hand_set() - was the marker set by hand?
 * @personality: the task's personality word
 *
 * Return: true if XLATE_PER_X86 is set without XLATE_PER_TRANSLATED.
 */
static inline bool xlate_marker_is_hand_set(unsigned int personality)
{
	return (personality & XLATE_PER_MARKER) == XLATE_PER_X86;
}

/**
 * xlate_marker_is_translated() - was the marker set by a translated exec?
 * @personality: the task's personality word
 *
 * Return: true if both marker bits are set.
 */
static inline bool xlate_marker_is_translated(unsigned int personality)
{
	return (personality & XLATE_PER_MARKER) == XLATE_PER_MARKER;
}

/**
 * xlate_marker_at_handoff() - personality of a task whose exec xlate
 *                             has just handed to the runtime
 * @personality: the task's personality word
 *
 * An unmarked task gets XLATE_PER_TRANSLATED alone, "translated exec
 * pending": no x86 view yet, but the hooks stay armed until the exec
 * completes.  A marked task keeps its marker as it is.
 *
 * Return: the new personality word.
 */
static inline unsigned int xlate_marker_at_handoff(unsigned int personality)
{
	if (personality & XLATE_PER_MARKER)
		return personality;
	return personality | XLATE_PER_TRANSLATED;
}

/**
 * xlate_marker_after_exec() - personality after a successful exec
 * @personality: the personality the exec left
 * @translated: whether xlate handed this exec to the runtime
 * @secure: whether the exec raised privileges (AT_SECURE)
 *
 * A translated exec sets both marker bits, but keeps a marker set by
 * hand as it is, unless it is a secure exec.  A native exec clears the
 * marker of a translated exec (and a pending one left by an exec that
 * failed), and keeps a marker set by hand, unless it is a secure exec.
 * So a privileged program, or the native programs it runs, never keeps
 * a view an unprivileged caller chose.  All other bits are kept.
 *
 * Return: the new personality word.
 */
static inline unsigned int xlate_marker_after_exec(unsigned int personality,
						   bool translated, bool secure)
{
	if (translated) {
		if (xlate_marker_is_hand_set(personality) && !secure)
			return personality;
		return personality | XLATE_PER_MARKER;
	}
	if ((personality & XLATE_PER_TRANSLATED) || secure)
		return personality & ~XLATE_PER_MARKER;
	return personality;
}

/**
 * xlate_marker_exec_translated() - does a successful exec count as
 *                                  translated?
 * @personality: the personality the exec left
 * @handed_off: xlate handed this exec to the runtime (its tag)
 * @runtime_file: the exec ran the configured runtime's own file
 * @secure: whether the exec raised privileges (AT_SECURE)
 *
 * FEX and box64, when they see no binfmt_misc entry of their own,
 * start an x86 child by exec'ing themselves with the program as an
 * argument: a native exec, which would clear the marker.  Such an exec
 * counts as translated, but only for a task that a translated exec
 * marked, and only when it is not a secure exec: a native program that
 * runs the runtime file (by hand, or a runtime path that is an
 * /usr/bin/env-like launcher) gains nothing, and a privileged runtime
 * process never keeps a view its unprivileged caller had, whoever set
 * the caller's marker (personality(2) cannot set XLATE_PER_TRANSLATED
 * while xlate is loaded, but can while it is not).
 *
 * Return: true if xlate_marker_after_exec() must treat the exec as
 * translated.
 */
static inline bool xlate_marker_exec_translated(unsigned int personality,
						bool handed_off,
						bool runtime_file, bool secure)
{
	return handed_off ||
	       (runtime_file && !secure &&
		xlate_marker_is_translated(personality));
}

/**
 * xlate_marker_after_personality() - personality(2) and the marker
 * @before: the caller's personality before the call
 * @after: the personality the call set
 *
 * Only the kernel sets XLATE_PER_TRANSLATED: a call that writes it has
 * it dropped, so both bits written by hand leave XLATE_PER_X86 alone, a
 * marker set by hand, which a secure exec clears.  A task marked by a
 * translated exec cannot drop its marker with personality(2): a real
 * x86 kernel has no such bit.  A marker set by hand stays the caller's
 * to change, and a pending one is dropped by a call that sets another
 * personality (it is hidden from the caller, so a caller that writes
 * back what it read drops it).
 *
 * Return: the personality word to keep.
 */
static inline unsigned int xlate_marker_after_personality(unsigned int before,
							  unsigned int after)
{
	if (xlate_marker_is_translated(before))
		return after | XLATE_PER_MARKER;
	if (after == before)
		return after;	/* a query, or the same word again */
	return after & ~XLATE_PER_TRANSLATED;
}

/**
 * xlate_marker_hide() - what personality(2) returns to the caller
 * @before: the caller's personality before the call
 * @ret: the syscall's return value (the old personality, or an errno)
 *
 * A task marked by a translated exec, or left with the pending marker
 * by one that failed, does not see the marker bits.  A marker set by
 * hand stays visible.
 *
 * Return: @ret without the marker bits for such a task; @ret unchanged
 * otherwise.
 */
static inline long xlate_marker_hide(unsigned int before, long ret)
{
	if (ret < 0 || !(before & XLATE_PER_TRANSLATED))
		return ret;
	return ret & ~(long)XLATE_PER_MARKER;
}

#endif /* XLATE_LIB_MARKER_H */
