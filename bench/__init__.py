"""Benchmarks, each against a baseline measured in the same run. Run one from the repository root as
`python -m bench.<name>` (e.g. `.venv/bin/python -m bench.bench_logic -n 2`), so `tests.support` and the
packages import without `sys.path` edits; `make bench` runs every `bench/bench_*.py` this way."""
