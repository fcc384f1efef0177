"""The `process` backend: rlimits, a new session and a process-group kill, nothing more.

Resource limiting only, NOT a security boundary: the program sees the host's file system and network
(as uid/gid 65533 when the caller is root: not nobody, whom the isolating backends' programs run as).
Use bwrap or docker for untrusted code.
"""

from __future__ import annotations

from sandbox.host import PROCESS_UID, HostBackend


class ProcessBackend(HostBackend):
    name = "process"
    program_uid = PROCESS_UID
