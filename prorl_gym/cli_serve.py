"""`prorl-gym serve`: the HTTP reward server (FastAPI + uvicorn), on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Any

from prorl_gym.errors import UsageError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="serve verify/sample over HTTP (OpenAPI docs at /docs)")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=None, help="verifier worker processes (default: per core)")
    p.add_argument(
        "--token-env",
        default="PRORL_GYM_TOKEN",
        metavar="VAR",
        help="require `Authorization: Bearer $VAR` when that variable is set (default PRORL_GYM_TOKEN)",
    )
    p.add_argument("--max-queue", type=int, default=4096, help="items admitted before 429 (default 4096)")
    p.add_argument("--max-batch", type=int, default=4096, help="items per /verify/batch before 413")
    p.add_argument("--max-body-mb", type=float, default=64.0, help="request body limit in MiB before 413")
    p.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="MODULE",
        help="import MODULE first (it registers its own verifier kinds); repeatable",
    )
    p.add_argument(
        "--graceful-s", type=float, default=120.0, help="how long shutdown waits for work in flight"
    )
    p.add_argument("--log-level", default="warning")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from prorl_gym.server import ServerConfig, create_app
    except ImportError as exc:
        raise UsageError(
            f"serve needs the [serve] extra ({exc.name} is missing): pip install 'prorl-gym[serve]'"
        ) from None
    for limit, name in (
        (args.max_queue, "--max-queue"),
        (args.max_batch, "--max-batch"),
        (args.port, "--port"),
    ):
        if limit < 1:
            raise UsageError(f"{name} must be >= 1, got {limit}")
    for module in args.imports:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise UsageError(f"--import {module}: {exc}") from None
    token = os.environ.get(args.token_env) or None
    if args.host not in LOOPBACK and token is None:
        print(
            f"warning: serving on {args.host} without a token: anyone who reaches this port runs code in "
            f"this host's sandbox; set {args.token_env}",
            file=sys.stderr,
        )
    config = ServerConfig(
        workers=args.workers,
        token=token,
        max_queue=args.max_queue,
        max_batch=args.max_batch,
        max_body_bytes=int(args.max_body_mb * 1024 * 1024),
    )
    from verifiers import warmup

    warmup(args.workers)  # the pool's first start costs seconds; pay it before the first request
    app = create_app(config)
    server = _draining_server(
        uvicorn.Config(
            app,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            timeout_graceful_shutdown=int(args.graceful_s),
        )
    )
    print(f"serving on http://{args.host}:{args.port} (docs at /docs)", file=sys.stderr, flush=True)
    server.run()
    return 0


def _draining_server(config: Any) -> Any:
    """A uvicorn.Server that, on SIGTERM/SIGINT, answers new requests 503 while work in flight finishes."""
    import uvicorn

    class DrainingServer(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            config.app.state.prorl.draining = True
            super().handle_exit(sig, frame)

    return DrainingServer(config)
