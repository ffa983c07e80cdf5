#!/usr/bin/env bash
# What `npm start` runs after setup (prestart: scripts/setup.sh): JupyterLab on examples/ with the tracelab kernel
# (the default kernel) and the tracelab extension, printing the URL. Uses a real `jupyter lab` where one exists
# (pip/conda), else the npm-built frontend in lab/ served by Debian's jupyter_server (lab/serve.py).
#
#   scripts/start.sh [--port N] [--ip IP] [--root DIR] [--token T] [--state DIR] [--browser] [-- server options]
#   scripts/start.sh --check   start, check in headless Chromium that the page loads the tracelab extension, stop
#
#   --port N     port (default: the first free one from 8888)     --ip IP   address (default 127.0.0.1)
#   --root DIR   notebook folder (default examples/)              --token T access token (default: random)
#   --state DIR  Lab user settings and workspaces (default: Jupyter's, ~/.jupyter/lab)
#   --browser    open a web browser                               TRACELAB_LAB=npm  use lab/ even if jupyter lab exists
set -euo pipefail
cd "$(dirname "$0")/.."
project=$(pwd)
port="" ip=127.0.0.1 root=examples token="" state="" browser=False check=0 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --ip) ip=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --token) token=$2; shift 2 ;;
    --state) state=$2; shift 2 ;;
    --browser) browser=True; shift ;;
    --check) check=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "start: unknown option $1 (see the header of scripts/start.sh)" >&2; exit 2 ;;
  esac
done
fail() { echo "start: $*" >&2; exit 1; }

[ -d "$root" ] || mkdir -p "$root"
root=$(cd "$root" && pwd)
[ -n "$token" ] || token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
[ -n "$port" ] || port=$(/usr/bin/python3 -c '
import socket
for p in range(8888, 8988):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass
    finally: s.close()')
[ -n "$port" ] || fail "no free port in 8888-8987"

export JUPYTER_PATH="$project/lab/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
[ -f lab/share/jupyter/kernels/tracelab/kernel.json ] || fail "no tracelab kernelspec in lab/share/jupyter (run: npm run setup)"
ls labextension/static/remoteEntry.*.js >/dev/null 2>&1 || fail "no built labextension in labextension/ (run: npm run setup)"

args=(--ServerApp.ip="$ip" --ServerApp.port="$port" --ServerApp.port_retries=0
  --ServerApp.root_dir="$root" --ServerApp.token="$token" --ServerApp.open_browser="$browser"
  --MappingKernelManager.default_kernel_name=tracelab)
[ "$(id -u)" != 0 ] || args+=(--ServerApp.allow_root=True)
if [ "${TRACELAB_LAB:-}" != npm ] && command -v jupyter-lab >/dev/null; then
  server=(jupyter-lab --LabApp.expose_app_in_browser=True)
  [ -z "$state" ] || args+=(--LabApp.user_settings_dir="$state/user-settings" --LabApp.workspaces_dir="$state/workspaces")
  kind="jupyter lab ($(command -v jupyter-lab))"
else
  [ -f lab/build/static/bundle.js ] || fail "no JupyterLab build in lab/build (run: npm run setup)"
  /usr/bin/python3 -c 'import jupyter_server, jupyterlab_server' 2>/dev/null ||
    fail "Debian's jupyter_server/jupyterlab_server are missing (apt-get install python3-jupyter-server python3-jupyterlab-server, or npm run setup)"
  server=(/usr/bin/python3 lab/serve.py)
  [ -z "$state" ] || export TRACELAB_LAB_STATE="$state"
  kind="the npm-built JupyterLab in lab/ on Debian's jupyter_server"
fi
url="http://$ip:$port/lab?token=$token"

if [ "$check" = 0 ]; then
  echo "tracelab: starting $kind on $root" >&2
  echo "tracelab: JupyterLab will be at $url" >&2
  exec "${server[@]}" "${args[@]}" "${extra[@]}"
fi

# --check: start in the background (own process group), check the page, stop.
log=$(mktemp /tmp/tracelab-lab-check.XXXXXX.log)
t0=$(date +%s.%N)
setsid "${server[@]}" "${args[@]}" "${extra[@]}" >"$log" 2>&1 &
pid=$!
stop() { # SIGTERM: jupyter_server shuts its kernels down, then exits
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
trap stop EXIT
echo "tracelab: check: starting $kind on port $port (log: $log)" >&2
ready=0
for _ in $(seq 600); do
  if ! kill -0 "$pid" 2>/dev/null; then tail -n 30 "$log" >&2; fail "check: the server exited early"; fi
  if /usr/bin/python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "http://$ip:$port/api/status?token=$token" 2>/dev/null; then ready=1; break; fi
  sleep 0.1
done
[ "$ready" = 1 ] || { tail -n 30 "$log" >&2; fail "check: the server did not answer within 60 s"; }
echo "tracelab: check: server up after $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }") s" >&2
if node lab/tools/check-page.js "$url"; then
  echo "tracelab: check: OK, JupyterLab serves with the tracelab extension" >&2
else
  tail -n 30 "$log" >&2
  fail "check: the page did not load the tracelab extension"
fi
