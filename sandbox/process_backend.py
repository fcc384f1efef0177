"""The `process` backend: rlimits, a new session and a process-group kill, nothing more.

Resource limiting only, NOT a security boundary: the program sees the host's file system and network
(as user nobody when the caller is root). Use bwrap or docker for untrusted code.
"""

from __future__ import annotations

from sandbox.host import HostBackend


class ProcessBackend(HostBackend):
    name = "process"
