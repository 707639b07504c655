"""py3langid's model, memory-mapped from a decompressed copy instead of loaded per process.

py3langid ships its model LZMA-compressed and decompresses all of it (some 70 MB of
arrays) into every process that asks for a language: about half a second of CPU and
tens of MB of private memory in each extraction worker (the README's "Batch fetching"
gives the measured figures). Here it is decompressed once, into a cache directory, as
plain arrays that every later process maps read-only, and the pages are the page
cache's, shared by all the workers.

The directory is ``$NEWSSCRAPE_MODEL_CACHE`` if set, else ``newsscrape`` in the user's
cache directory (``$XDG_CACHE_HOME``, by default ``~/.cache``); each model copy is keyed
by py3langid's version and the model file's size and time, so an upgrade writes a new
one. The identifier is py3langid's own class on the same arrays: the answers are the
same. When the copy cannot be written or read (a read-only home, a full disk), the model
is loaded the usual way.
"""

from __future__ import annotations

import contextlib
import functools
import mmap
import os
import shutil
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

CACHE_ENV = "NEWSSCRAPE_MODEL_CACHE"
_TYPECODES: dict[str, Literal["H", "I", "L"]] = {"H": "H", "I": "I", "L": "L"}
"""py3langid's DFA arrays (``array`` type codes), as the file suffixes name them."""


def cache_root() -> Path:
    """Where decompressed models are kept."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsscrape"


def identifier() -> Any:
    """py3langid's ``LanguageIdentifier``, on memory-mapped arrays when possible."""
    mapped = mapped_identifier()
    if mapped is not None:
        return mapped
    from py3langid import langid

    return langid._get_identifier()


@functools.cache
def mapped_identifier() -> Any | None:
    """The identifier on the memory-mapped copy (made if missing), or None when the copy
    can be neither made nor read. Cheap once the copy exists: worth calling ahead."""
    from py3langid import langid

    try:  # (py3langid's module-level names: another release may lack them)
        directory = _copy_of(langid.MODEL_DIR / langid.MODEL_FILE)
        return _mapped(langid.LanguageIdentifier, directory)
    except (OSError, ValueError, TypeError, AttributeError, ImportError):
        return None


def _copy_of(model: Path) -> Path:
    """The directory holding the decompressed arrays of ``model`` (written if missing)."""
    try:
        release = version("py3langid")
    except PackageNotFoundError:
        release = "unknown"
    stat = model.stat()
    directory = cache_root() / f"py3langid-{release}-{stat.st_size}-{stat.st_mtime_ns}"
    if not directory.is_dir():
        _write(model, directory)
    return directory


def _write(model: Path, directory: Path) -> None:
    """Decompress ``model`` into ``directory`` (built beside it, then renamed into place,
    so a reader never sees half of it)."""
    import numpy as np
    from py3langid.modelio import load_model

    directory.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=directory.parent))
    try:
        ptc, pc, classes, nextmove, row, out = load_model(model)
        np.save(building / "ptc.npy", np.ascontiguousarray(ptc))
        np.save(building / "pc.npy", np.asarray(pc))
        np.save(building / "out.npy", np.asarray(out, dtype=np.int64))
        (building / "classes.txt").write_text("\n".join(classes), encoding="utf-8")
        for name, values in (("nextmove", nextmove), ("row", row)):
            (building / f"{name}.{values.typecode}").write_bytes(values.tobytes())
        os.rename(building, directory)
    except OSError:
        if not directory.is_dir():  # another process may have won the race
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _mapped(cls: Any, directory: Path) -> Any:
    import numpy as np

    classes = (directory / "classes.txt").read_text(encoding="utf-8").split("\n")
    return cls(np.load(directory / "ptc.npy", mmap_mode="r"), np.load(directory / "pc.npy"),
               classes, _view(directory, "nextmove"), np.load(directory / "out.npy").tolist(),
               tk_row=_view(directory, "row"))


def _view(directory: Path, name: str) -> memoryview:
    """A read-only mapping of ``name``'s array, indexable like py3langid's ``array``."""
    (path,) = directory.glob(f"{name}.*")
    typecode = _TYPECODES.get(path.suffix[1:])
    if typecode is None:
        raise ValueError(f"{path}: not an array py3langid reads")
    with path.open("rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    with contextlib.suppress(TypeError):
        return memoryview(mapped).cast(typecode)
    mapped.close()
    raise ValueError(f"{path}: not a whole number of {typecode!r} items")
