#!/usr/bin/env bash
# Prepare a CI machine (as root) for the sandbox tests: bubblewrap, a Docker engine, the sandbox image.
# Idempotent; says what it did. It never fails CI: if Docker cannot start, the docker tests skip and
# say why ("no Docker engine/image: run .ci/sandbox_setup.sh").
set -u
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
say() { echo "[sandbox_setup] $*"; }

if [ "$(id -u)" != 0 ]; then
    say "not root: cannot install packages or start dockerd; docker/bwrap tests may skip"
    exit 0
fi

missing=""
command -v dockerd >/dev/null 2>&1 || missing="$missing docker.io"
command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
if [ -n "$missing" ]; then
    say "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >/tmp/sandbox_setup_apt.log 2>&1; then
        say "apt-get failed (log: /tmp/sandbox_setup_apt.log); continuing with what is there"
        tail -5 /tmp/sandbox_setup_apt.log
    fi
else
    say "docker.io, debootstrap and bubblewrap already installed"
fi

if command -v bwrap >/dev/null 2>&1; then
    if bwrap --unshare-all --ro-bind / / true 2>/dev/null; then
        say "bwrap works with every namespace unshared"
    else
        say "bwrap is installed but cannot unshare namespaces here (bwrap tests will skip)"
    fi
fi

engine_up() { timeout 5 docker info >/dev/null 2>&1 || "$PY" -c "import docker; docker.from_env(timeout=5).ping()" >/dev/null 2>&1; }

if engine_up; then
    say "Docker engine already running"
elif command -v dockerd >/dev/null 2>&1; then
    say "starting dockerd --iptables=false --bridge=none (log: /tmp/dockerd.log)"
    nohup dockerd --iptables=false --bridge=none >/tmp/dockerd.log 2>&1 &
    for _ in $(seq 1 60); do
        engine_up && break
        sleep 1
    done
    if engine_up; then
        say "Docker engine is up"
    else
        say "dockerd did not come up within 60 s; docker tests will skip. Last log lines:"
        tail -20 /tmp/dockerd.log
        exit 0
    fi
else
    say "no dockerd available; docker tests will skip"
    exit 0
fi

say "building the sandbox image (kept if already present)"
if "$PY" -m sandbox.image; then
    say "sandbox image ready"
else
    say "image build failed; docker tests will skip"
fi
"$PY" -c "from sandbox.doctor import diagnose
for c in diagnose(): print('[sandbox_setup]', 'ok' if c.usable else 'no', c.backend, c.detail)" || true
exit 0
