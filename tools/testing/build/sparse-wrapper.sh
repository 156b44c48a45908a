#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# CHECK= program for kbuild (C=2): runs sparse and tags every line it
# prints with "sparse: ", so one W=1 build log holds both the compiler's
# and sparse's diagnostics and they can be told apart.  The last
# argument kbuild passes is the source file checked.
set -uo pipefail

printf 'sparse-checked: %s\n' "${!#}" >&2
sparse "$@" 2>&1 | sed 's/^/sparse: /' >&2
exit "${PIPESTATUS[0]}"
