/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Personality marker bookkeeping: pure helpers shared by the module,
 * KUnit and the host tests.  See kmod/uapi/xlate.h for the bits.
 */
#ifndef XLATE_LIB_MARKER_H
#define XLATE_LIB_MARKER_H

#include "pure.h"
#include "../uapi/xlate.h"

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
 * xlate_marker_after_exec() - personality after a successful exec
 * @personality: the personality the exec left (marker bits may already
 *               have been cleared through bprm->per_clear)
 * @translated: whether xlate handed this exec to the runtime
 *
 * A translated exec sets both marker bits.  A native exec clears them
 * if the marker came from a translated exec, and keeps a marker set by
 * hand.  All other bits are kept.
 *
 * Return: the new personality word.
 */
static inline unsigned int xlate_marker_after_exec(unsigned int personality,
						   bool translated)
{
	if (translated)
		return personality | XLATE_PER_MARKER;
	if (personality & XLATE_PER_TRANSLATED)
		return personality & ~XLATE_PER_MARKER;
	return personality;
}

#endif /* XLATE_LIB_MARKER_H */
