"""A tiny seccomp filter for bwrap (`--seccomp FD`): refuse ptrace and cross-process memory access.

Inside bwrap every process shares the program's uid (bwrap runs `--as-pid-1`, so there is no bwrap init
in there); this keeps a program from attaching to the others even where they are dumpable. Written as
raw classic-BPF so no libseccomp is needed; other architectures get no filter.
"""

from __future__ import annotations

import platform
import struct

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# ptrace, process_vm_readv, process_vm_writev
_DENIED = {"x86_64": (101, 310, 311), "aarch64": (117, 270, 271)}
_X32_BIT = 0x40000000

_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EPERM = 1


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def deny_ptrace_filter() -> bytes | None:
    """The compiled filter for this machine's architecture, or None where we have no syscall table."""
    machine = platform.machine()
    if machine not in _AUDIT_ARCH:
        return None
    denied = _DENIED[machine]
    deny = _RET_ERRNO | _EPERM
    program = [
        _op(_LD_W_ABS, 4),
        _op(_JEQ_K, _AUDIT_ARCH[machine], 1, 0),
        _op(_RET_K, deny),
        _op(_LD_W_ABS, 0),
    ]
    if machine == "x86_64":  # the x32 ABI numbers syscalls from 0x40000000: refuse it outright
        program.append(_op(_JGE_K, _X32_BIT, 0, 1))
        program.append(_op(_RET_K, deny))
    for index, number in enumerate(denied):
        remaining = len(denied) - index - 1
        program.append(_op(_JEQ_K, number, remaining + 1, 0))
    program.append(_op(_RET_K, _RET_ALLOW))
    program.append(_op(_RET_K, deny))
    return b"".join(program)
