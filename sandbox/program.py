"""What to write and what to run for one program: languages, the files dict, the clean environment."""

from __future__ import annotations

import os
import posixpath
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from sandbox.limits import Limits, SandboxError

LANGUAGES = ("python", "cpp")
CLEAN_PATH = "/usr/local/bin:/usr/bin:/bin"
# Compiling is not charged to the run's limits, but it is bounded.
COMPILE_LIMITS = Limits(
    wall_s=30.0, cpu_s=30.0, memory_mb=2048, output_bytes=1 << 20, processes=64, file_size_mb=256
)

FileMap = Mapping[str, str | bytes]


@dataclass(frozen=True)
class Plan:
    """Files to place in the work dir and the commands to run there (compile may be None)."""

    files: dict[str, bytes]
    compile: list[str] | None
    run: list[str]


def make_plan(program: str | bytes, files: FileMap | None, language: str, python: str = "python3") -> Plan:
    """Check the request and lay it out; raises SandboxError naming what to fix."""
    if language not in LANGUAGES:
        raise SandboxError(f"unknown language {language!r}; supported: {list(LANGUAGES)}")
    source_name = "main.py" if language == "python" else "main.cpp"
    placed = normalize_files(files)
    if source_name in placed:
        raise SandboxError(f"files must not contain {source_name!r}: that name holds the program itself")
    placed[source_name] = _to_bytes(program, "program")
    if language == "python":
        return Plan(placed, None, [python, "-S", "-E", "-s", "-B", source_name])
    compile_argv = ["g++", "-std=c++17", "-O2", "-pipe", "-o", "main", source_name]
    return Plan(placed, compile_argv, ["./main"])


def normalize_files(files: FileMap | None) -> dict[str, bytes]:
    """Relative, normalized paths inside the work dir; `..` or absolute paths are refused."""
    out: dict[str, bytes] = {}
    for raw, content in (files or {}).items():
        if not isinstance(raw, str) or not raw or "\x00" in raw:
            raise SandboxError(f"file name {raw!r} must be a non-empty string")
        path = posixpath.normpath(raw)
        if posixpath.isabs(path) or path == "." or path.split("/")[0] == "..":
            raise SandboxError(f"file name {raw!r} must be a relative path inside the work dir")
        out[path] = _to_bytes(content, f"files[{raw!r}]")
    return out


def _to_bytes(content: str | bytes, what: str) -> bytes:
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, bytes | bytearray | memoryview):
        return bytes(content)
    raise SandboxError(f"{what} must be str or bytes, got {type(content).__name__}")


def write_files(root: str, files: dict[str, bytes], uid: int | None = None, gid: int | None = None) -> None:
    """Write the work dir; chown it all to uid/gid when the program will run as another user."""
    for rel, content in files.items():
        path = os.path.join(root, rel)
        parent = os.path.dirname(path)
        os.makedirs(parent, mode=0o700, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)
    if uid is not None:
        for base, dirs, names in os.walk(root):
            os.chown(base, uid, gid if gid is not None else -1)
            for name in dirs + names:
                os.chown(os.path.join(base, name), uid, gid if gid is not None else -1)


def remove_tree(root: str) -> None:
    """Remove a work dir even if the program made parts of it unwritable."""

    top = os.path.abspath(root)

    def fix(func, target, _exc):  # type: ignore[no-untyped-def]
        # Only ever loosen modes inside the work dir: an error on the root itself (already gone, say)
        # names the root, whose parent is the shared temp dir (/tmp, /dev/shm) and must stay as it is.
        target = os.path.abspath(target)
        if os.path.commonpath([top, target]) != top:
            return
        try:
            if target != top:
                os.chmod(os.path.dirname(target), 0o700)
            os.chmod(target, 0o700)
            func(target)
        except OSError:
            pass

    shutil.rmtree(root, onerror=fix)


def clean_env(home: str) -> dict[str, str]:
    """The whole environment a program sees: nothing from the parent, so planted secrets cannot leak."""
    return {
        "PATH": CLEAN_PATH,
        "HOME": home,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MALLOC_ARENA_MAX": "2",  # glibc reserves 64 MB of address space per thread arena otherwise
    }


def host_python() -> str:
    """Interpreter for host backends: PRORL_SANDBOX_PYTHON, else the system python3, else our own base one."""
    chosen = os.environ.get("PRORL_SANDBOX_PYTHON")
    if chosen:
        return chosen
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.access(candidate, os.X_OK):
            return candidate
    return os.path.realpath(getattr(sys, "_base_executable", sys.executable))


def limits_dict(limits: Limits) -> dict[str, float | int]:
    """The plain mapping the runner takes (it is standard-library only and also runs inside containers)."""
    return {
        "wall_s": limits.wall_s,
        "cpu_s": limits.cpu_limit_s,
        "memory_mb": limits.memory_mb,
        "output_bytes": limits.output_bytes,
        "processes": limits.processes,
        "file_size_mb": limits.file_size_mb,
    }
