# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# The container-engine checks of `make check-distro`: stage "engines",
# a boot of its own between "install" and "check", sourced by test.sh
# (pass, fail, dmesg_clean, P, translated, BM and the /xlate/env values
# come from there).  Real engines, Debian's own packages of the release: podman
# (crun, conmon, netavark, uidmap) and docker.io (containerd, runc),
# with the amd64 image /xlate/amd64/rootfs.tar (image.sh makes it from
# the amd64 root file system of fetch-amd64-root.sh: bash, coreutils,
# python3, perl, dpkg).  No network: the image is imported, nothing is
# pulled.  Documentation/admin-guide.rst, "Container engines", walks
# through the same steps.
#
# First binfmt_misc loses its x86-64 entry, the way an administrator
# masks qemu's line (in /run/binfmt.d, so the next boot has it again),
# and the engines are restarted: from then on nothing but xlate can run
# an x86-64 program, and every engine daemon starts without the entry.
#
#   image-engine-no-binfmt   qemu's line masked, systemd-binfmt restarted:
#                            no qemu-x86_64 entry, and `xlatectl status`
#                            says no binfmt_misc registration claims
#                            x86-64 ELF files; docker restarted after it
#   image-podman-import      podman import --arch amd64 of the tar; the
#                            image's architecture is amd64
#   image-podman-run         podman run --rm --platform linux/amd64: in the
#                            container uname -m, dpkg --print-architecture,
#                            python3's platform.machine() are x86_64,
#                            amd64, x86_64; /proc/cpuinfo's vendor_id and
#                            flags are those an x86-64 program on the host
#                            reads (xlate's view; the native file has no
#                            vendor_id); stats/translated grew
#   image-podman-rootless    the same as a user with subuids (newuidmap),
#                            with its own image store; --network none: the
#                            VM has no network interface, and pasta (podman
#                            5's rootless network) will not start without
#                            one ("Couldn't set IPv4 route(s) in guest")
#   image-podman-exec        podman exec into a running amd64 container
#                            (sleep, started without --platform: podman
#                            only warns): uname -m, dpkg arch
#   image-podman-top         podman top and the host's ps show the
#                            container's sleep by its own command line
#                            ("sleep 3601"), not qemu's
#   image-podman-build       podman build --platform linux/amd64 of a
#                            Containerfile whose RUN steps run the image's
#                            sh, dpkg and python3; the built image is amd64
#                            and its files say x86_64/amd64 when it runs
#   image-docker-load        the same image into docker: podman save
#                            --format docker-archive, docker load; its
#                            architecture is amd64 (docker 20.10's import
#                            would label it arm64 whatever --platform says)
#   image-docker-run         docker run --rm --platform linux/amd64, the
#                            checks of podman-run
#   image-docker-exec        docker exec into a running amd64 container
#   image-docker-top         docker top and the host's ps: "sleep 3602"
#   image-docker-build       docker build (BuildKit: docker.io's own on
#                            Debian 12 with DOCKER_BUILDKIT=1, docker-buildx
#                            on 13) --platform linux/amd64 of the same
#                            Containerfile; the built image runs
#   image-buildkit-platforms BuildKit's own probe (it runs a tiny amd64
#                            program in a chroot) lists linux/amd64 with no
#                            binfmt_misc entry: `docker buildx inspect`
#                            (Debian 13; Debian 12's docker.io has no
#                            buildx to ask, reported as SKIP)
#   image-podman-farm-binfmt the one engine command that reads binfmt_misc:
#                            `podman farm build` schedules linux/amd64 on
#                            the local machine only when an enabled F entry
#                            claims x86-64 ELF files (buildah's
#                            emulation.Registered()); with none it refuses
#                            ("no builder capable of building for platform"),
#                            with qemu's line registered again (xlate is
#                            still asked first) it schedules the build.
#                            (What podman 5.4 then builds is its own
#                            business: its scheduler also gives the local
#                            node its native platform and its Build keeps
#                            one job per node, so it builds linux/arm64/v8
#                            twice and wants to pull an arm64 base image.)
#                            Debian 13; Debian 12's podman 4.3 has no farm:
#                            SKIP
#   image-engine-dmesg-clean no oops, warning, lockdep or stall report in
#                            this boot (test.sh's dmesg_clean)
#
# Every engine command runs under `timeout`: nested emulation under TCG
# is slow, a hang must not eat the boot's whole time.

IMG_TAR=/xlate/amd64/rootfs.tar
IMG=xlate-amd64
XUSER=xlate-rootless
ETO=1200

# The commands the checks run in the container: one sh, one line each.
CSCRIPT='uname -m; dpkg --print-architecture; python3 -c "import platform; print(platform.machine())"; grep -E "^(vendor_id|flags)" /proc/cpuinfo | sort -u'

skip() {
	echo "SKIP: $P-$1: $2"
}

# oneline TEXT: TEXT's lines joined by single spaces.
oneline() {
	echo "$1" | tr -s '\n ' '  ' | sed 's/^ //; s/ $//'
}

# engine_log NAME FILE: the command's output on the console, prefixed.
engine_log() {
	sed "s/^/$1: /" "$2" | cut -c1-400
}

# x86_view_ok NAME OUT: OUT (the output of CSCRIPT) is the x86-64
# answers; the cpuinfo lines equal $HOSTVIEW (the host's x86 view).
x86_view_ok() {
	l1=$(sed -n 1p "$2")
	l2=$(sed -n 2p "$2")
	l3=$(sed -n 3p "$2")
	cv=$(sed -n '4,$p' "$2")
	if [ "$l1 $l2 $l3" != "x86_64 amd64 x86_64" ]; then
		fail "$1" "uname -m '$l1', dpkg '$l2', python3 '$l3'; want x86_64 amd64 x86_64 ($(tail -n 3 "$2" | tr '\n' ' '))"
		return 1
	fi
	if [ -z "$cv" ] || [ "$cv" != "$HOSTVIEW" ]; then
		fail "$1" "container's cpuinfo vendor_id/flags '$(echo "$cv" | cut -c1-80)' differ from the host's x86 view '$(echo "$HOSTVIEW" | cut -c1-80)'"
		return 1
	fi
	return 0
}

# ran NAME N0 WHAT: stats/translated grew since N0 (xlate ran them).
ran() {
	n1=$(translated)
	if [ "$n1" -gt "$2" ]; then
		return 0
	fi
	fail "$1" "$3, but stats/translated stayed at $2 (binfmt_misc: $(bm_list))"
	return 1
}

# as_user CMD...: CMD as $XUSER in its systemd user session (lingering),
# as a login would have it; under timeout, as every engine command.
as_user() {
	timeout "$ETO" runuser -u "$XUSER" -- env HOME="/home/$XUSER" \
		XDG_RUNTIME_DIR="/run/user/$XUID" \
		DBUS_SESSION_BUS_ADDRESS="unix:path=/run/user/$XUID/bus" \
		"$@"
}

# ctx_build DIR BASE: a build context whose RUN steps run the image's
# sh, dpkg and python3.
ctx_build() {
	mkdir -p "$1"
	cat >"$1/Containerfile" <<EOF
FROM $2
RUN uname -m >/built-uname && dpkg --print-architecture >/built-dpkg
RUN python3 -c 'import platform; open("/built-python", "w").write(platform.machine() + "\\n")'
CMD ["sh", "-c", "cat /built-uname /built-dpkg /built-python"]
EOF
}

engine_binfmt_off() {
	mkdir -p /run/binfmt.d
	ln -sf /dev/null /run/binfmt.d/qemu-x86_64.conf
	systemctl restart systemd-binfmt.service >/tmp/binfmt-restart.log 2>&1
	# The daemons start again without the entry (BuildKit probes once
	# per dockerd).
	systemctl restart docker.service >/tmp/docker-restart.log 2>&1
	drc=$?
	st=$(xlatectl status 2>&1)
	if [ -e "$BM/qemu-x86_64" ]; then
		fail engine-no-binfmt "$BM/qemu-x86_64 is still there after masking it: $(tr '\n' ' ' <"$BM/qemu-x86_64")"
	elif ! echo "$st" | grep -qx 'binfmt_misc: no registration claims x86-64 ELF files'; then
		fail engine-no-binfmt "xlatectl status: $(echo "$st" | grep -A3 '^binfmt_misc')"
	elif [ "$drc" -ne 0 ]; then
		fail engine-no-binfmt "systemctl restart docker.service exited $drc: $(tailof /tmp/docker-restart.log)"
	else
		pass engine-no-binfmt
	fi
	echo "xlate-distro: binfmt_misc now: $(bm_list)"
	echo "$st" | sed 's/^/xlatectl: /'
}

engine_podman() {
	# image-podman-import
	t0=$(date +%s)
	timeout $ETO podman import --arch amd64 "$IMG_TAR" "localhost/$IMG:latest" \
		>/tmp/p-import.log 2>&1
	rc=$?
	arch=$(podman image inspect --format '{{.Architecture}}' "localhost/$IMG" 2>&1)
	echo "xlate-distro: podman import took $(($(date +%s) - t0)) s"
	if [ "$rc" -ne 0 ]; then
		fail podman-import "podman import exited $rc: $(tailof /tmp/p-import.log)"
	elif [ "$arch" != amd64 ]; then
		fail podman-import "image architecture '$arch', want amd64"
	else
		pass podman-import
	fi

	# image-podman-run
	n0=$(translated)
	t0=$(date +%s)
	timeout $ETO podman run --rm --platform linux/amd64 "localhost/$IMG" \
		sh -c "$CSCRIPT" >/tmp/p-run.log 2>/tmp/p-run.err
	rc=$?
	echo "xlate-distro: podman run took $(($(date +%s) - t0)) s"
	engine_log podman-run /tmp/p-run.err
	if [ "$rc" -ne 0 ]; then
		fail podman-run "podman run exited $rc: $(tailof /tmp/p-run.err) $(tailof /tmp/p-run.log)"
	elif x86_view_ok podman-run /tmp/p-run.log &&
		ran podman-run "$n0" "the container's programs ran"; then
		pass podman-run
	fi
	engine_log podman-run /tmp/p-run.log

	# image-podman-exec and image-podman-top
	podman rm -f -t 0 xlate-exec >/dev/null 2>&1
	# Without --platform: podman warns that the image's platform is not
	# the host's (a comparison of the image's metadata) and runs it.
	timeout $ETO podman run -d --name xlate-exec "localhost/$IMG" \
		sleep 3601 >/tmp/p-exec.log 2>/tmp/p-exec.err
	rc=$?
	engine_log podman-run-d /tmp/p-exec.err
	if [ "$rc" -ne 0 ]; then
		fail podman-exec "podman run -d exited $rc: $(tailof /tmp/p-exec.err)"
		fail podman-top "no running container (podman run -d exited $rc)"
	else
		n0=$(translated)
		out=$(timeout $ETO podman exec xlate-exec sh -c 'uname -m; dpkg --print-architecture' 2>&1)
		rc=$?
		if [ "$rc" -ne 0 ] || [ "$(oneline "$out")" != "x86_64 amd64" ]; then
			fail podman-exec "podman exec exited $rc: '$(oneline "$out")', want 'x86_64 amd64'"
		elif ran podman-exec "$n0" "podman exec ran"; then
			pass podman-exec
		fi
		top=$(timeout $ETO podman top xlate-exec pid comm args 2>&1)
		pid=$(podman inspect --format '{{.State.Pid}}' xlate-exec 2>&1)
		hps=$(ps -o args= -p "$pid" 2>&1)
		hcomm=$(cat "/proc/$pid/comm" 2>&1)
		echo "$top" | sed 's/^/podman-top: /'
		echo "xlate-distro: host pid $pid: comm '$hcomm', ps args '$hps'"
		if ! echo "$top" | grep -qE '[[:space:]]sleep[[:space:]]+sleep 3601[[:space:]]*$'; then
			fail podman-top "podman top has no 'sleep sleep 3601' line: $(echo "$top" | tr '\n' '|')"
		elif [ "$hps" != "sleep 3601" ] || [ "$hcomm" != sleep ]; then
			fail podman-top "host ps of pid $pid: args '$hps' comm '$hcomm', want 'sleep 3601' and sleep"
		else
			pass podman-top
		fi
	fi
	podman rm -f -t 0 xlate-exec >/dev/null 2>&1

	# image-podman-build
	ctx_build /tmp/p-build "localhost/$IMG"
	n0=$(translated)
	t0=$(date +%s)
	timeout $ETO podman build --platform linux/amd64 --pull=never \
		-t localhost/xlate-built -f /tmp/p-build/Containerfile /tmp/p-build \
		>/tmp/p-build.log 2>&1
	rc=$?
	echo "xlate-distro: podman build took $(($(date +%s) - t0)) s"
	engine_log podman-build /tmp/p-build.log
	arch=$(podman image inspect --format '{{.Architecture}}' localhost/xlate-built 2>&1)
	out=$(timeout $ETO podman run --rm --platform linux/amd64 localhost/xlate-built 2>&1)
	if [ "$rc" -ne 0 ]; then
		fail podman-build "podman build exited $rc: $(tailof /tmp/p-build.log)"
	elif [ "$arch" != amd64 ] || [ "$(oneline "$out")" != "x86_64 amd64 x86_64" ]; then
		fail podman-build "built image: architecture '$arch', its files say '$(oneline "$out")'; want amd64 and 'x86_64 amd64 x86_64'"
	elif ran podman-build "$n0" "the RUN steps ran"; then
		pass podman-build
	fi
}

engine_podman_rootless() {
	if ! id "$XUSER" >/dev/null 2>&1; then
		useradd -m -s /bin/bash "$XUSER"
	fi
	XUID=$(id -u "$XUSER")
	grep -q "^$XUSER:" /etc/subuid ||
		usermod --add-subuids 200000-265535 --add-subgids 200000-265535 "$XUSER"
	loginctl enable-linger "$XUSER"
	i=0
	while [ ! -S "/run/user/$XUID/bus" ] && [ "$i" -lt 120 ]; do
		sleep 1
		i=$((i + 1))
	done
	echo "xlate-distro: rootless user $XUSER uid $XUID, subuid '$(grep "^$XUSER:" /etc/subuid)', user bus after ${i}s"
	n0=$(translated)
	t0=$(date +%s)
	as_user podman import --arch amd64 "$IMG_TAR" "localhost/$IMG:latest" \
		>/tmp/pr-import.log 2>&1 &&
		as_user podman run --rm --platform linux/amd64 --network none \
			"localhost/$IMG" sh -c "$CSCRIPT" >/tmp/pr-run.log 2>/tmp/pr-run.err
	rc=$?
	engine_log podman-rootless-import /tmp/pr-import.log
	echo "xlate-distro: rootless podman import and run took $(($(date +%s) - t0)) s"
	engine_log podman-rootless /tmp/pr-run.err
	# The user's own processes: unprivileged (the subordinate ids map
	# the container's root).
	if [ "$rc" -ne 0 ]; then
		fail podman-rootless "exit $rc: $(tailof /tmp/pr-import.log 2) $(tailof /tmp/pr-run.err) $(tailof /tmp/pr-run.log)"
	elif ! grep -q "^$XUSER:" /etc/subuid; then
		fail podman-rootless "$XUSER has no subordinate uids in /etc/subuid"
	else
		if x86_view_ok podman-rootless /tmp/pr-run.log &&
			ran podman-rootless "$n0" "the container's programs ran"; then
			pass podman-rootless
		fi
	fi
	engine_log podman-rootless /tmp/pr-run.log
}

engine_docker() {
	# image-docker-load: the image podman imported, saved as a
	# docker-archive (its config says amd64) and loaded.  Not `docker
	# import --platform linux/amd64`: docker 20.10 (Debian 12) takes only
	# the OS from --platform there and records arm64 (measured).
	t0=$(date +%s)
	{
		timeout $ETO podman save --format docker-archive -o /tmp/xlate-amd64.tar \
			"localhost/$IMG:latest" &&
			timeout $ETO docker load -i /tmp/xlate-amd64.tar &&
			docker tag "localhost/$IMG:latest" "$IMG:latest"
	} >/tmp/d-load.log 2>&1
	rc=$?
	rm -f /tmp/xlate-amd64.tar
	arch=$(docker image inspect --format '{{.Architecture}}' "$IMG" 2>&1)
	echo "xlate-distro: podman save and docker load took $(($(date +%s) - t0)) s"
	engine_log docker-load /tmp/d-load.log
	if [ "$rc" -ne 0 ]; then
		fail docker-load "podman save | docker load exited $rc: $(tailof /tmp/d-load.log)"
	elif [ "$arch" != amd64 ]; then
		fail docker-load "image architecture '$arch', want amd64"
	else
		pass docker-load
	fi

	# image-docker-run
	n0=$(translated)
	t0=$(date +%s)
	timeout $ETO docker run --rm --platform linux/amd64 "$IMG" \
		sh -c "$CSCRIPT" >/tmp/d-run.log 2>/tmp/d-run.err
	rc=$?
	echo "xlate-distro: docker run took $(($(date +%s) - t0)) s"
	engine_log docker-run /tmp/d-run.err
	if [ "$rc" -ne 0 ]; then
		fail docker-run "docker run exited $rc: $(tailof /tmp/d-run.err) $(tailof /tmp/d-run.log)"
	elif x86_view_ok docker-run /tmp/d-run.log &&
		ran docker-run "$n0" "the container's programs ran"; then
		pass docker-run
	fi
	engine_log docker-run /tmp/d-run.log

	# image-docker-exec and image-docker-top
	docker rm -f xlate-exec >/dev/null 2>&1
	# Without --platform: docker warns that the image's platform is not
	# the host's (a comparison of the image's metadata) and runs it.
	timeout $ETO docker run -d --name xlate-exec "$IMG" \
		sleep 3602 >/tmp/d-exec.log 2>/tmp/d-exec.err
	rc=$?
	engine_log docker-run-d /tmp/d-exec.err
	if [ "$rc" -ne 0 ]; then
		fail docker-exec "docker run -d exited $rc: $(tailof /tmp/d-exec.err)"
		fail docker-top "no running container (docker run -d exited $rc)"
	else
		n0=$(translated)
		out=$(timeout $ETO docker exec xlate-exec sh -c 'uname -m; dpkg --print-architecture' 2>&1)
		rc=$?
		if [ "$rc" -ne 0 ] || [ "$(oneline "$out")" != "x86_64 amd64" ]; then
			fail docker-exec "docker exec exited $rc: '$(oneline "$out")', want 'x86_64 amd64'"
		elif ran docker-exec "$n0" "docker exec ran"; then
			pass docker-exec
		fi
		top=$(timeout $ETO docker top xlate-exec -o pid,comm,args 2>&1)
		pid=$(docker inspect --format '{{.State.Pid}}' xlate-exec 2>&1)
		hps=$(ps -o args= -p "$pid" 2>&1)
		hcomm=$(cat "/proc/$pid/comm" 2>&1)
		echo "$top" | sed 's/^/docker-top: /'
		echo "xlate-distro: host pid $pid: comm '$hcomm', ps args '$hps'"
		if ! echo "$top" | grep -qE "^${pid}[[:space:]]+sleep[[:space:]]+sleep 3602[[:space:]]*\$"; then
			fail docker-top "docker top has no '$pid sleep sleep 3602' line: $(echo "$top" | tr '\n' '|')"
		elif [ "$hps" != "sleep 3602" ] || [ "$hcomm" != sleep ]; then
			fail docker-top "host ps of pid $pid: args '$hps' comm '$hcomm', want 'sleep 3602' and sleep"
		else
			pass docker-top
		fi
	fi
	docker rm -f xlate-exec >/dev/null 2>&1

	# image-buildkit-platforms: what BuildKit's probe found.
	if docker buildx version >/dev/null 2>&1; then
		bi=$(timeout $ETO docker buildx inspect 2>&1)
		echo "$bi" | sed 's/^/buildx-inspect: /'
		plats=$(echo "$bi" | sed -n 's/^Platforms: *//p')
		case ", $plats," in
		*", linux/amd64,"* | *", linux/amd64/v"[0-9]","*) pass buildkit-platforms ;;
		*) fail buildkit-platforms "docker buildx inspect lists '$plats', no linux/amd64" ;;
		esac
	else
		skip buildkit-platforms "no docker buildx on this release (Debian 12's docker.io 20.10 builds with its own BuildKit, but has no command that lists its platforms)"
	fi

	# image-docker-build (BuildKit)
	ctx_build /tmp/d-build "$IMG"
	n0=$(translated)
	t0=$(date +%s)
	DOCKER_BUILDKIT=1 timeout $ETO docker build --platform linux/amd64 \
		-t xlate-built -f /tmp/d-build/Containerfile /tmp/d-build \
		>/tmp/d-build.log 2>&1
	rc=$?
	echo "xlate-distro: docker build took $(($(date +%s) - t0)) s"
	engine_log docker-build /tmp/d-build.log
	arch=$(docker image inspect --format '{{.Architecture}}' xlate-built 2>&1)
	out=$(timeout $ETO docker run --rm --platform linux/amd64 xlate-built 2>&1)
	if [ "$rc" -ne 0 ]; then
		fail docker-build "docker build exited $rc: $(tailof /tmp/d-build.log)"
	elif [ "$arch" != amd64 ] || [ "$(oneline "$out")" != "x86_64 amd64 x86_64" ]; then
		fail docker-build "built image: architecture '$arch', its files say '$(oneline "$out")'; want amd64 and 'x86_64 amd64 x86_64'"
	elif ran docker-build "$n0" "the RUN steps ran"; then
		pass docker-build
	fi
}

# image-podman-farm-binfmt
engine_podman_farm() {
	if ! podman farm build --help 2>/dev/null | grep -q -- '--farm'; then
		skip podman-farm-binfmt "podman $(podman --version 2>&1 | cut -d' ' -f3) has no farm command (podman 4.9 added it)"
		return
	fi
	mkdir -p /tmp/p-farm
	printf 'FROM localhost/%s\nRUN uname -m >/farm-uname\n' "$IMG" >/tmp/p-farm/Containerfile
	podman farm create xlate-farm >/tmp/p-farm.log 2>&1
	# No x86-64 entry (engine_binfmt_off): the local node offers
	# linux/arm64 only.
	timeout $ETO podman farm build --farm xlate-farm --local \
		--platforms linux/amd64 -t localhost/xlate-farm /tmp/p-farm \
		>/tmp/p-farm-none.log 2>&1
	rc_none=$?
	engine_log podman-farm-none /tmp/p-farm-none.log
	# qemu's line back: the farm sees it; xlate still runs the program.
	rm -f /run/binfmt.d/qemu-x86_64.conf
	systemctl restart systemd-binfmt.service >>/tmp/p-farm.log 2>&1
	timeout $ETO podman farm build --farm xlate-farm --local \
		--platforms linux/amd64 -t localhost/xlate-farm /tmp/p-farm \
		>/tmp/p-farm-qemu.log 2>&1
	rc_qemu=$?
	engine_log podman-farm-qemu /tmp/p-farm-qemu.log
	echo "xlate-distro: podman farm build with qemu's entry exited $rc_qemu"
	if [ "$rc_none" -eq 0 ] || ! grep -q 'no builder capable of building for platform "linux/amd64"' /tmp/p-farm-none.log; then
		fail podman-farm-binfmt "without a binfmt_misc entry: exit $rc_none, not refused for linux/amd64: $(tailof /tmp/p-farm-none.log 2)"
	elif [ ! -e "$BM/qemu-x86_64" ]; then
		fail podman-farm-binfmt "qemu-x86_64 not registered again: $(tailof /tmp/p-farm.log 2)"
	elif grep -q 'no builder capable' /tmp/p-farm-qemu.log ||
		! grep -q '^Starting build for' /tmp/p-farm-qemu.log; then
		fail podman-farm-binfmt "with qemu's entry registered the farm does not schedule linux/amd64: $(tailof /tmp/p-farm-qemu.log 2)"
	else
		pass podman-farm-binfmt
	fi
}

stage_engines() {
	echo "xlate-distro: engines: $(podman --version 2>&1); $(docker --version 2>&1); $(runc --version 2>&1 | head -n 1); $(crun --version 2>&1 | head -n 1)"
	if [ ! -d /sys/module/xlate ]; then
		echo "xlate-distro: xlate is not loaded ($(dmesg | grep -i xlate | tail -n 2 | tr '\n' ' '))"
	fi
	engine_binfmt_off
	# The host's x86 view of /proc/cpuinfo, as an x86-64 program reads it.
	HOSTVIEW=$(/xlate/x86/busybox grep -E '^(vendor_id|flags)' /proc/cpuinfo | sort -u)
	echo "xlate-distro: host x86 view: $(echo "$HOSTVIEW" | cut -c1-100 | tr '\n' '|')"
	T0=$(date +%s)
	engine_podman
	echo "xlate-distro: podman (root) checks took $(($(date +%s) - T0)) s"
	T0=$(date +%s)
	engine_podman_rootless
	echo "xlate-distro: podman (rootless) checks took $(($(date +%s) - T0)) s"
	T0=$(date +%s)
	engine_docker
	echo "xlate-distro: docker checks took $(($(date +%s) - T0)) s"
	T0=$(date +%s)
	engine_podman_farm
	echo "xlate-distro: podman farm check took $(($(date +%s) - T0)) s"

	dmesg_clean engine-dmesg-clean
	echo "xlate-distro: translated $(translated) at the end of the engine checks"
	dmesg | grep -iE 'xlate|binfmt' | sed 's/^/dmesg: /'
}
