"""Rows of a hub dataset (or a local dataset directory) through the `datasets` library.

Hub ids load with `datasets.load_dataset` (its cache is reused; `HF_DATASETS_OFFLINE=1` reads only the
cache), `save_to_disk` directories with `datasets.load_from_disk`. The rows then go through the same
format detection and per-row checks as local files. `datasets` is the optional `[hub]` extra and is
imported only here, on first read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from envs.core import ConfigError
from envs.datafiles import Source

OFFLINE_HINT = (
    "To work offline, load it once where the hub is reachable and then set HF_DATASETS_OFFLINE=1 to read "
    "the cached copy, or pass local files with data_files=[...] (JSONL, JSON, CSV or parquet)"
)


def _datasets() -> Any:
    try:
        import datasets
    except ImportError:
        raise ConfigError(
            "hub datasets need the `datasets` library: pip install 'prorl-gym[hub]' "
            "(or pass local files with data_files=[...])"
        ) from None
    return datasets


def rows(source: Source) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number from 1, row) for every row of the source's split."""
    data = load(source)
    try:
        for number, row in enumerate(data, 1):
            yield number, dict(row)
    except ConfigError:
        raise
    except Exception as exc:  # a stream that breaks mid-way (network, a corrupt shard)
        raise ConfigError(f"hub dataset {source}: reading rows failed: {type(exc).__name__}: {exc}") from None


def load(source: Source) -> Any:
    """The `datasets` Dataset (or IterableDataset when streaming) of one split."""
    datasets = _datasets()
    path = source.path
    if path.is_dir() and _saved_to_disk(path):
        try:
            loaded = datasets.load_from_disk(str(path))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path}: not a readable save_to_disk directory: {exc}") from None
        data = _split(loaded, source)
        return data.to_iterable_dataset() if source.streaming else data
    try:
        loaded = datasets.load_dataset(
            str(path) if path.is_dir() else source.ref,
            name=source.subset,
            split=source.split,
            revision=source.revision,
            streaming=source.streaming,
        )
    except Exception as exc:  # datasets raises many types: classify them into one message
        raise ConfigError(_load_error(source, exc, datasets)) from None
    return _split(loaded, source)


def _saved_to_disk(path: Path) -> bool:
    return (path / "dataset_dict.json").is_file() or (path / "state.json").is_file()


def _split(loaded: Any, source: Source) -> Any:
    """One split out of a DatasetDict: `split`, else train, else the only split."""
    if not hasattr(loaded, "keys"):  # already one split
        return loaded
    names = list(loaded.keys())
    wanted = source.split or ("train" if "train" in names else (names[0] if len(names) == 1 else None))
    if wanted not in names:
        raise ConfigError(
            f"hub dataset {source}: "
            + (f"no split {wanted!r}" if wanted else "several splits and none chosen")
            + f"; its splits are {', '.join(names)}. Pass split=..."
        )
    return loaded[wanted]


def _load_error(source: Source, exc: Exception, datasets: Any) -> str:
    """Says what failed, whether a cached copy exists, and how to work offline."""
    text = f"{type(exc).__name__}: {exc}".strip()
    if source.path.is_dir():
        return f"{source.path}: `datasets` cannot load this dataset directory ({text})"
    offline = bool(datasets.config.HF_HUB_OFFLINE)
    cached = cached_copies(source.ref)
    cache_line = (
        f"A cached copy exists ({', '.join(map(str, cached))}), but not of this subset/split/revision."
        if cached
        else f"No cached copy of it is in {datasets.config.HF_DATASETS_CACHE}."
    )
    not_found = isinstance(exc, datasets.exceptions.DatasetNotFoundError)
    if isinstance(exc, ValueError) and "split" in str(exc).lower():
        what = f"bad split or subset ({text})"
    elif not_found and not offline:
        what = f"no such dataset on the Hugging Face hub, or it is private or gated ({text})"
    elif offline:
        what = f"offline mode is on (HF_DATASETS_OFFLINE / HF_HUB_OFFLINE) and it cannot be loaded ({text})"
    elif isinstance(exc, (ConnectionError, OSError)):
        what = f"the Hugging Face hub cannot be reached ({text})"
    else:
        what = f"`datasets` could not load it ({text})"
    return f"hub dataset {source}: {what}. {cache_line} {OFFLINE_HINT}."


def cached_copies(dataset_id: str) -> list[Path]:
    """Where `datasets` and `huggingface_hub` keep downloaded copies of `dataset_id`, if any exist."""
    datasets = _datasets()
    from datasets.naming import camelcase_to_snakecase
    from huggingface_hub import constants

    parts = dataset_id.split("/")
    parts[-1] = camelcase_to_snakecase(parts[-1])
    places = [
        Path(datasets.config.HF_DATASETS_CACHE) / "___".join(parts),
        Path(constants.HF_HUB_CACHE) / ("datasets--" + dataset_id.replace("/", "--")),
    ]
    return [p for p in places if p.is_dir()]
