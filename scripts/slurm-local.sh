#!/usr/bin/env bash
# A single-node Slurm (Debian bookworm slurm-wlm 22.05) on localhost, for tests and local trials of
# `ntk sweep slurm`. Needs root (SlurmUser=root), munge and slurm-wlm installed.
#
#   scripts/slurm-local.sh start DIR   # writes DIR/slurm.conf, starts munged, slurmctld, slurmd; waits until idle
#   scripts/slurm-local.sh stop DIR    # stops exactly the daemons started for DIR (pid files in DIR)
#
# Clients need SLURM_CONF=DIR/slurm.conf in their environment (printed by `start`).
set -euo pipefail
cmd="${1:-}"
dir="${2:-}"
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

stop_pid() { # name pidfile
  local pidfile="$2"
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

case "$cmd" in
start)
  for t in munged slurmctld slurmd sbatch; do
    command -v "$t" >/dev/null 2>&1 || [[ -x "/usr/sbin/$t" ]] || { echo "$0: $t not installed" >&2; exit 3; }
  done
  [[ "$(id -u)" == 0 ]] || { echo "$0: must run as root (SlurmUser=root)" >&2; exit 3; }
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem_mb="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)"
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
  # munge: its own key and socket under DIR, started by hand (no systemd).
  if [[ ! -f "$dir/munge/munge.key" ]]; then
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 400 "$dir/munge/munge.key"
  fi
  chmod 700 "$dir/munge"
  /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munge.seed"
  cat > "$dir/slurm.conf" <<CONF
ClusterName=ntklocal
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=${NTK_SLURMCTLD_PORT:-16817}
SlurmdPort=${NTK_SLURMD_PORT:-16818}
ReturnToService=2
MaxArraySize=10001
KillWait=5
MinJobAge=300
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  /usr/sbin/slurmctld -f "$dir/slurm.conf" -i
  /usr/sbin/slurmd -f "$dir/slurm.conf"
  for _ in $(seq 1 100); do
    state="$(sinfo -h -o %t 2>/dev/null | head -1 || true)"
    [[ "$state" == idle* || "$state" == mix* || "$state" == alloc* ]] && break
    sleep 0.2
  done
  state="$(sinfo -h -o %t 2>/dev/null | head -1 || true)"
  if [[ "$state" != idle* && "$state" != mix* && "$state" != alloc* ]]; then
    echo "$0: node did not become idle (state '$state'); see $dir/log" >&2
    exit 4
  fi
  echo "export SLURM_CONF=$dir/slurm.conf"
  ;;
stop)
  stop_pid slurmd "$dir/slurmd.pid"
  stop_pid slurmctld "$dir/slurmctld.pid"
  stop_pid munged "$dir/munge/munged.pid"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
