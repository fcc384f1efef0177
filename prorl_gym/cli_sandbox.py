"""`prorl-gym sandbox build-image` and `prorl-gym sandbox doctor`."""

from __future__ import annotations

import argparse
import sys


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sandbox` command group to the main CLI's subparsers."""
    parser = subparsers.add_parser("sandbox", help="build the sandbox image, check which backends work")
    commands = parser.add_subparsers(dest="sandbox_command", required=True)

    build = commands.add_parser("build-image", help="build prorl-gym-sandbox:<version> (python3 + g++)")
    build.add_argument("--tag", default=None, help="image tag (default prorl-gym-sandbox:<version>)")
    build.add_argument(
        "--method",
        choices=["auto", "dockerfile", "debootstrap"],
        default="auto",
        help="auto: the Dockerfile when a registry is reachable, else debootstrap offline",
    )
    build.add_argument(
        "--mirror", default=None, help="Debian mirror for debootstrap (default: this machine's apt mirror)"
    )
    build.add_argument("--force", action="store_true", help="rebuild even if the image exists")
    build.set_defaults(func=_build_image)

    doctor = commands.add_parser("doctor", help="which backends work here, and why the others do not")
    doctor.add_argument("--no-trial", action="store_true", help="only check prerequisites, run no program")
    doctor.add_argument("--clean", action="store_true", help="also remove every leftover sandbox container")
    doctor.set_defaults(func=_doctor)


def _build_image(args: argparse.Namespace) -> int:
    from sandbox.image import build_image
    from sandbox.limits import SandboxError

    try:
        tag = build_image(tag=args.tag, method=args.method, force=args.force, mirror=args.mirror)
    except SandboxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(tag)
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from sandbox.doctor import auto_choice, diagnose

    if args.clean:
        try:
            from sandbox.docker_backend import remove_all

            print(f"removed {remove_all()} leftover sandbox container(s)")
        except Exception as exc:
            print(f"could not clean containers: {exc}")
    checks = diagnose(trial=not args.no_trial)
    for check in checks:
        mark = "ok  " if check.usable else "no  "
        print(f"{mark}{check.backend:8s} {check.detail}")
    print(f"backend='auto' uses: {auto_choice(checks)}")
    return 0
