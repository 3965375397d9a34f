"""Adding speakers to ``data/actors.yml`` without ever breaking it (pure Python).

The ids are made unique by :func:`.speakers.actor_ids` (against every key already in the
file, after NFC, case and ASCII folding, and never reserved). The new text is read back with
the catalog loader before it replaces the old: when it would add a problem, nothing is
written and the editor is told why. The file is replaced atomically (a temporary file in
the same folder, then a rename), so a crash leaves the old file or the new, never half.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .catalog import DATA_FILES, build_catalog
from .transcript import ImportError_
from .yamlsrc import YamlError, load


def read_data_texts(data_dir: Path) -> dict[str, str | None]:
    """The text of each data file (None when it does not exist)."""
    texts: dict[str, str | None] = {}
    for name in DATA_FILES:
        path = data_dir / f"{name}.yml"
        try:
            texts[name] = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            texts[name] = None
        except UnicodeDecodeError:
            raise ImportError_(
                f"{path}: not UTF-8 — save it as UTF-8 before adding speakers to the data"
            ) from None
        except OSError as e:
            raise ImportError_(f"{path}: cannot read the file ({e.strerror})") from None
    return texts


def actor_keys(texts: dict[str, str | None], data_dir: Path) -> set[str]:
    """Every key written in ``actors.yml``, valid id or not (new ids must differ from all)."""
    text = texts.get("actors")
    if not text:
        return set()
    try:
        doc = load(text)
    except YamlError as e:
        raise ImportError_(
            f"{data_dir / 'actors.yml'}:{e.line}: not valid YAML ({e.message}) — fix it "
            "before adding speakers (nothing was written)"
        ) from None
    return {str(k) for k in doc.data} if isinstance(doc.data, dict) else set()


def entries(new: dict[str, str]) -> str:
    """``data/actors.yml`` records for new speakers (name -> id), as ``kind: person``."""
    return "".join(
        f"\n{rid}:\n  name: {json.dumps(name, ensure_ascii=False)}\n  kind: person\n"
        for name, rid in new.items()
    )


def data_for_speakers(data_dir: Path, adding: bool) -> tuple[dict[str, str | None], set[str]]:
    """The data files' texts and every key of ``actors.yml``. A data file that cannot be
    read stops only a command that adds speakers to it; otherwise new ids are made
    against the catalog alone (and printed, for the editor to add)."""
    try:
        texts = read_data_texts(data_dir)
        return texts, actor_keys(texts, data_dir)
    except ImportError_:
        if adding:
            raise
        return {}, set()


def with_actors(texts: dict[str, str | None], new: dict[str, str], data_dir: Path) -> str:
    """The text of ``actors.yml`` with the new speakers added, checked with the catalog
    loader: refused (nothing to write) when it would add any problem to the data."""
    old = texts.get("actors") or ""
    text = old + ("\n" if old and not old.endswith("\n") else "") + entries(new)
    rel = data_dir.as_posix()
    before = {str(p) for p in build_catalog(texts, rel)[1]}
    catalog, problems = build_catalog({**texts, "actors": text}, rel)
    added = [p for p in problems if str(p) not in before]
    missing = [rid for rid in new.values() if rid not in catalog.actors]
    if added or missing:
        why = str(added[0]) if added else f"'{missing[0]}' would not be read as an actor"
        raise ImportError_(
            f"{data_dir / 'actors.yml'}: adding the speakers would break the data ({why}) "
            "— nothing was written; add them by hand"
        )
    return text


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: written to a temporary file beside it
    (the real file's folder, when ``path`` is a link), then renamed over it."""
    real = Path(os.path.realpath(path))
    try:
        mode = real.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
