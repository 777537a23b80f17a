#!/usr/bin/env bash
# Runs a command inside a fresh network namespace, the only place where two headless Chromiums
# connect by WebRTC on one machine (on loopback alone they gather no ICE candidates):
#
#   scripts/in-netns.sh [--turn] [--] command [args...]
#
# The namespace has `lo` up and a veth pair, tandem0 carrying 198.18.0.1/15 (the benchmarking
# range) with the default route over it. Nothing inside can reach outside. As root it uses
# `unshare -n`; as a normal user `unshare -rn` (a user namespace), and the command then runs under
# its own uid again.
#
# --turn also starts Debian's coturn (`turnserver`) on 198.18.0.1:3478 with `use-auth-secret` and
# a random `static-auth-secret`, and exports to the command:
#   TANDEM_TURN_SECRET      the shared secret (TURN REST credentials are derived from it)
#   TANDEM_TEST_TURN_URL    turn:198.18.0.1:3478
#   TANDEM_TEST_TURN_REALM  the realm
# Always exported: TANDEM_NETNS_ADDRESS=198.18.0.1 (and TANDEM_IN_NETNS=1).
#
# Exit codes: the command's own; 2 on bad usage; 77 when no namespace can be made here.
set -euo pipefail

address=198.18.0.1
turn_port=3478
turn_realm=tandem.test

turn=0
while [ $# -gt 0 ]; do
  case "$1" in
    --turn) turn=1; shift ;;
    --) shift; break ;;
    -*) echo "in-netns: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "usage: scripts/in-netns.sh [--turn] [--] command [args...]" >&2
  exit 2
fi

if [ "${TANDEM_IN_NETNS_STAGE:-}" != inside ]; then
  if [ "${TANDEM_IN_NETNS:-}" = 1 ] && { [ "$turn" = 0 ] || [ -n "${TANDEM_TEST_TURN_URL:-}" ]; }; then
    # already inside one (a runner calling a runner): the same network will do
    exec "$@"
  fi
  args=()
  [ "$turn" = 1 ] && args+=(--turn)
  export TANDEM_IN_NETNS_STAGE=inside TANDEM_NETNS_UID="$(id -u)" TANDEM_NETNS_GID="$(id -g)"
  if [ "$(id -u)" = 0 ]; then
    exec unshare --net -- "$0" "${args[@]}" -- "$@"
  fi
  if ! unshare --map-root-user --net true 2>/dev/null; then
    echo "in-netns: cannot create a network namespace here (run as root, or allow user namespaces:" \
      "sysctl kernel.unprivileged_userns_clone=1)" >&2
    exit 77
  fi
  exec unshare --map-root-user --net -- "$0" "${args[@]}" -- "$@"
fi

# --- inside the namespace (as root of it) -------------------------------------------------------------
unset TANDEM_IN_NETNS_STAGE
ip link set lo up
ip link add tandem0 type veth peer name tandem1
ip address add "$address/15" dev tandem0
ip link set tandem0 up
ip link set tandem1 up
ip route add default dev tandem0
export TANDEM_IN_NETNS=1 TANDEM_NETNS_ADDRESS="$address"

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-netns.XXXXXX")
turn_pid=
cleanup() {
  if [ -n "$turn_pid" ]; then
    kill "$turn_pid" 2>/dev/null || true
    wait "$turn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$turn" = 1 ]; then
  if ! command -v turnserver >/dev/null; then
    echo "in-netns: --turn needs Debian's coturn (apt-get install coturn)" >&2
    exit 77
  fi
  secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  turnserver -n --no-cli --no-tls --no-dtls --simple-log --log-file="$work/turnserver.log" \
    --pidfile="$work/turnserver.pid" --listening-ip="$address" --relay-ip="$address" \
    --listening-port="$turn_port" --min-port=49152 --max-port=65535 --realm="$turn_realm" \
    --use-auth-secret --static-auth-secret="$secret" --fingerprint --no-multicast-peers >/dev/null 2>&1 &
  turn_pid=$!
  for _ in $(seq 1 100); do
    if ss -Hlun "sport = :$turn_port" | grep -q .; then break; fi
    if ! kill -0 "$turn_pid" 2>/dev/null; then
      echo "in-netns: turnserver stopped at start:" >&2
      cat "$work"/turnserver*.log >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.05
  done
  export TANDEM_TURN_SECRET="$secret" TANDEM_TEST_TURN_URL="turn:$address:$turn_port"
  export TANDEM_TEST_TURN_REALM="$turn_realm"
fi

# as a normal user, give the command its own uid back (PostgreSQL, for one, refuses to run as root)
run=("$@")
if [ "${TANDEM_NETNS_UID:-0}" != 0 ]; then
  run=(unshare --user --map-user="$TANDEM_NETNS_UID" --map-group="$TANDEM_NETNS_GID" -- "$@")
fi
unset TANDEM_NETNS_UID TANDEM_NETNS_GID
set +e
"${run[@]}"
status=$?
set -e
exit "$status"
