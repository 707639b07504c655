"""py3langid's model memory-mapped from a decompressed copy (``document.langid_model``):
the same answers as py3langid's own loader, written once, and the usual load when the
copy cannot be written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from py3langid import langid

from newsscrape.document import langid_model
from newsscrape.document.language import detect_language

TEXTS = [
    "The city council voted on Tuesday to extend the ferry service through the winter.",
    "Der Stadtrat hat am Dienstag beschlossen, den Fährbetrieb über den Winter zu verlängern.",
    "Le conseil municipal a voté mardi la prolongation du service de traversier cet hiver.",
    "El ayuntamiento votó el martes para ampliar el servicio de ferry durante el invierno.",
    "Il consiglio comunale ha votato martedì per estendere il servizio di traghetti.",
    "Городской совет во вторник проголосовал за продление паромного сообщения на зиму.",
    "市议会周二投票决定在整个冬季延长渡轮服务，以方便居民出行。",
    "Gemeenteraad stemt in met verlenging van de veerdienst tijdens de winter maanden.",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh model cache directory (and a fresh identifier) for one test."""
    root = tmp_path / "models"
    monkeypatch.setenv(langid_model.CACHE_ENV, str(root))
    langid_model.mapped_identifier.cache_clear()
    yield root
    langid_model.mapped_identifier.cache_clear()


def test_mapped_model_answers_as_py3langid_does(cache: Path) -> None:
    ours = langid_model.identifier()
    own = langid._get_identifier()
    assert ours is not own
    assert [ours.classify(t) for t in TEXTS] == [own.classify(t) for t in TEXTS]
    assert [ours.rank(t)[:5] for t in TEXTS] == [own.rank(t)[:5] for t in TEXTS]
    assert [detect_language(t) for t in TEXTS[:3]] == ["en", "de", "fr"]
    (copy,) = cache.iterdir()
    assert copy.name.startswith("py3langid-")
    assert {p.stem for p in copy.iterdir()} == {"ptc", "pc", "out", "classes", "nextmove", "row"}


def test_copy_is_written_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = langid_model.identifier().classify(TEXTS[1])
    langid_model.mapped_identifier.cache_clear()

    def no_second_decompression(path: Path) -> None:
        raise AssertionError("the model was decompressed again")

    monkeypatch.setattr("py3langid.modelio.load_model", no_second_decompression)
    assert langid_model.identifier().classify(TEXTS[1]) == first
    assert len(list(cache.iterdir())) == 1


def test_unwritable_cache_falls_back_to_the_usual_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(langid_model.CACHE_ENV, str(blocker / "models"))
    langid_model.mapped_identifier.cache_clear()
    try:
        assert langid_model.mapped_identifier() is None
        ours = langid_model.identifier()
        assert ours is langid._get_identifier()
        assert ours.classify(TEXTS[2])[0] == "fr"
    finally:
        langid_model.mapped_identifier.cache_clear()


def test_damaged_copy_falls_back_to_the_usual_load(cache: Path) -> None:
    langid_model.identifier()
    (copy,) = cache.iterdir()
    (dfa,) = copy.glob("nextmove.*")
    dfa.write_bytes(b"\x00" * 7)  # no longer a whole number of items
    langid_model.mapped_identifier.cache_clear()
    assert langid_model.identifier() is langid._get_identifier()


def test_cache_root_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(langid_model.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert langid_model.cache_root() == tmp_path / "newsscrape"
