"""`python -m sandbox.image [--force] [--method auto|dockerfile|debootstrap]`: build the sandbox image
(the same as `prorl-gym sandbox build-image`, for scripts that run before the package is installed)."""

from __future__ import annotations

import argparse
import sys

from sandbox.image.build import build_image
from sandbox.limits import SandboxError


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.image", description=__doc__)
    parser.add_argument("--tag", default=None)
    parser.add_argument("--method", choices=["auto", "dockerfile", "debootstrap"], default="auto")
    parser.add_argument("--mirror", default=None)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    try:
        print(build_image(tag=args.tag, method=args.method, force=args.force, mirror=args.mirror))
    except SandboxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
