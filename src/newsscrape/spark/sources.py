"""Open a WARC file or a manifest by path or URI, as a stream read front to back.

``open_uri`` picks an opener by the URI's scheme; ``register_opener`` adds or replaces
one (say, for a scheme of your own storage). The defaults:

- no scheme, or ``file://``: the local file (a shared file system on a cluster);
- ``http://``, ``https://``: an httpx streaming GET, read as it arrives (never saved);
- anything else (``s3://``, ``s3a://``, ``hdfs://``, ``gs://``...): fsspec when it is
  installed (with its backend: s3fs, gcsfs...), else pyarrow's file systems (S3, GCS
  and HDFS through libhdfs, the Hadoop client a cluster node already has). ``s3a://``,
  Hadoop's name for S3, is read as ``s3://``.

Spark's own Hadoop file system is reachable only from the driver's JVM gateway, not
from the Python workers that read the WARCs, which is why the workers use these.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import IO, Any
from urllib.parse import unquote, urlsplit

Opener = Callable[[str], IO[bytes]]

_OPENERS: dict[str, Opener] = {}


def register_opener(scheme: str, opener: Opener) -> None:
    """Open URIs of ``scheme`` (lower case, no ``://``) with ``opener``."""
    _OPENERS[scheme.lower()] = opener


def scheme_of(uri: str) -> str:
    """``s3a`` for ``s3a://b/k``; "" for a local path (Windows drive letters included)."""
    scheme = urlsplit(uri).scheme.lower()
    return "" if len(scheme) <= 1 else scheme


def local_path(uri: str) -> str | None:
    """The local file a path or ``file://`` URI names, else None."""
    scheme = scheme_of(uri)
    if scheme == "":
        return uri
    if scheme == "file":
        return unquote(urlsplit(uri).path)
    return None


def open_uri(uri: str) -> IO[bytes]:
    """A binary stream over the file ``uri`` names (see the module docstring)."""
    scheme = scheme_of(uri)
    opener = _OPENERS.get(scheme)
    if opener is not None:
        return opener(uri)
    return _open_remote(uri)


def _open_local(uri: str) -> IO[bytes]:
    path = local_path(uri)
    assert path is not None
    return open(path, "rb")


def _open_remote(uri: str) -> IO[bytes]:
    """fsspec if installed, else pyarrow's file systems; a URI neither can open (an
    unknown scheme, a missing backend) is an ``OSError`` like a missing file."""
    if scheme_of(uri) == "s3a":
        uri = "s3" + uri[3:]
    try:
        return _open_with_fsspec(uri)
    except (ValueError, ImportError) as exc:
        raise OSError(f"cannot open {uri}: {exc}") from exc


def _open_with_fsspec(uri: str) -> IO[bytes]:
    try:
        import fsspec
    except ImportError:
        from pyarrow import fs

        filesystem, path = fs.FileSystem.from_uri(uri)
        stream: IO[bytes] = filesystem.open_input_stream(path)
        return stream
    opened: IO[bytes] = fsspec.open(uri, "rb").open()
    return opened


class _HttpStream(io.RawIOBase):
    """The body of a streaming httpx response as a readable raw stream."""

    def __init__(self, uri: str) -> None:
        import httpx

        self._client = httpx.Client(follow_redirects=True, timeout=60.0)
        try:
            self._response = self._client.send(self._client.build_request("GET", uri),
                                               stream=True)
            self._response.raise_for_status()
        except httpx.HTTPError as exc:
            self._client.close()
            raise OSError(f"{type(exc).__name__}: {exc}") from exc
        self._chunks: Iterator[bytes] = self._response.iter_raw(1 << 16)
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            try:
                self._left = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size

    def close(self) -> None:
        if not self.closed:
            self._response.close()
            self._client.close()
        super().close()


def _open_http(uri: str) -> IO[bytes]:
    return io.BufferedReader(_HttpStream(uri), 1 << 16)


register_opener("", _open_local)
register_opener("file", _open_local)
register_opener("http", _open_http)
register_opener("https", _open_http)
