"""``episodes import <folder>``: every episode of a folder, published as an unannotated
transcript (pure Python: files in, files out, no MkDocs).

Each episode becomes ``docs_dir/<year>/<slug>.md``, not a draft, with ``annotated: false``
and ``imported:`` (the file, its SHA-256, its kind). Running it again adds only what is
new: a source already imported (the same file name in ``imported.from``, or the same video
page) is skipped, with the reason — and since nothing is ever written over an existing
file, an episode an editor has touched is never overwritten. The output depends only on
the source and the data, so "touched" can be told: the file differs from what the
importer would write now from the same source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .actors_file import data_for_speakers, with_actors, write_atomic
from .archive import is_episode, read_archive
from .catalog import load_catalog
from .checks import Found, Invalid
from .importer import draft, duration_text, load_transcript, slug_for, source_name
from .model import Catalog, Imported, Meta
from .parse import parse_episode
from .readers import MARKERS
from .schema import FRONT_MATTER
from .speakers import actor_ids
from .transcript import ImportError_, Transcript
from .ytdlp import Found as Source
from .ytdlp import base_lang, scan

Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    """What an import did."""

    imported: list[Path] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    """Why, and the files skipped for that reason (in order)."""
    notes: Counter[str] = field(default_factory=Counter)
    """What reading the files noticed, and in how many files."""
    actors: dict[str, str] = field(default_factory=dict)
    """New speakers added to ``actors.yml`` (name -> id)."""
    ignored: int = 0
    """Other files passed over (media, thumbnails, live chat, descriptions)."""

    def skip(self, why: str, name: str) -> None:
        """Record a source not imported."""
        self.skipped.setdefault(why, []).append(name)

    @property
    def failed(self) -> int:
        """Sources that could not be imported (not those imported before)."""
        return sum(len(v) for k, v in self.skipped.items() if not k.startswith("already"))


def kind_of(transcript: Transcript, listed: str | None = None) -> str:
    """``auto-captions`` (rolling with word timings, or listed so by the video site),
    ``subtitles`` (other WebVTT or SRT) or ``transcript``."""
    if transcript.auto or listed == "auto-captions":
        return "auto-captions"
    return "subtitles" if transcript.shape in ("webvtt", "srt") else "transcript"


def speakers(transcript: Transcript) -> list[str]:
    """The speakers' names, in the order they first speak."""
    return list(dict.fromkeys(c.speaker for c in transcript.cues if c.speaker))


def checked_text(key: str, value: str) -> str | None:
    """``value`` when it is valid for the front-matter key ``key``, else None."""
    try:
        return str(FRONT_MATTER.fields[key].check(value, Found()))
    except Invalid:
        return None


_NOTE_NUMBER = re.compile(r"\b\d+ ")
"""The count a note starts with: notes of many files are counted by what they say."""


@dataclass
class Importer:
    """One run of ``episodes import``."""

    docs: Path
    data: Path
    patterns: list[str]
    show: str
    lang: str | None = None
    add_actors: bool = False
    sentences: bool = False
    markers: Iterable[str] = MARKERS
    outcome: Outcome = field(default_factory=Outcome)
    catalog: Catalog = field(default_factory=Catalog)
    known: list[str] = field(default_factory=list)
    """Every actor's names: a label with one of them is a speaker at once."""
    texts: dict[str, str | None] = field(default_factory=dict)
    """The data files' texts (new speakers are added to ``actors``)."""
    taken: set[str] = field(default_factory=set)
    """Ids new actors must not take: every key of actors.yml and the run's new ids."""
    new_ids: dict[str, str] = field(default_factory=dict)
    """The run's new speakers so far (compared name -> id)."""
    by_source: dict[str, tuple[Path, Meta]] = field(default_factory=dict)
    """Episodes by the file name they were imported from."""
    by_video: dict[str, tuple[Path, Meta]] = field(default_factory=dict)
    """Episodes by their video page."""
    claimed: set[Path] = field(default_factory=set)
    """Paths given to episodes of this run."""

    def run(self, folder: Path, progress: Progress | None = None) -> Outcome:
        """Import every episode of ``folder``."""
        self.catalog, _ = load_catalog(self.data)
        self.known = [n for a in self.catalog.actors.values() for n in a.name.all()]
        self.texts, self.taken = data_for_speakers(self.data, self.add_actors)
        for entry in read_archive(self.docs, self.patterns):
            if entry.meta.imported is not None:
                self.by_source.setdefault(entry.meta.imported.source, (entry.path, entry.meta))
            if entry.meta.video:
                self.by_video.setdefault(entry.meta.video, (entry.path, entry.meta))
        found, self.outcome.ignored = scan(folder, self.lang)
        held: list[tuple[Source, Path, str]] = []
        for i, source in enumerate(found, 1):
            if progress is not None:
                progress(i, len(found))
            prepared = self.prepare(source)
            if prepared is None:
                continue
            path, text, new = prepared
            if new:
                held.append((source, path, text))  # written once its speakers are in the data
            else:
                self.write(source, path, text)
        if held:
            self.write_held(held)
        return self.outcome

    def prepare(self, source: Source) -> tuple[Path, str, bool] | None:
        """The path and text of a source's episode, and whether it has new speakers; None
        when it is skipped (recorded with the reason)."""
        read = self.read_source(source)
        if read is None:
            return None
        name, transcript = read
        new_ids = dict(self.new_ids)
        ids = actor_ids(speakers(transcript), self.catalog, self.taken, new_ids)
        new = {n: rid for n, rid in ids.items() if rid not in self.catalog.actors}
        if new and not self.add_actors:
            self.outcome.skip(
                "speakers not in data/actors.yml — add them, or rerun with --add-actors",
                f"{name} ({', '.join(new)})",
            )
            return None
        text = self.checked_episode(source, name, transcript, ids)
        path = self.target(source) if text is not None else None
        if text is None or path is None:
            return None
        self.new_ids = new_ids
        self.taken |= set(new.values())
        self.outcome.actors.update(new)
        self.remember(source, name, transcript, path)
        return path, text, bool(new)

    def read_source(self, source: Source) -> tuple[str, Transcript] | None:
        """The name a source is recorded by and its transcript; None when it is skipped
        (recorded with the reason)."""
        if source.skip or source.transcript is None or source.date is None:
            self.outcome.skip(source.skip or "nothing to import", source.name)
            return None
        name = source_name(source.transcript)
        try:
            transcript = load_transcript(
                source.transcript, self.known, markers=self.markers, sentences=self.sentences
            )
        except ImportError_ as e:
            why = str(e).removeprefix(f"{source.transcript}: ")
            self.outcome.skip(why, name)
            return None
        return name, transcript

    def checked_episode(
        self, source: Source, name: str, transcript: Transcript, ids: dict[str, str]
    ) -> str | None:
        """The episode's text, unless its title is not valid, the source was imported
        before or the text would not build (None: skipped, recorded with the reason)."""
        out = self.outcome
        text = self.episode_text(source, transcript, ids)
        if text is None:
            out.skip("no valid title — fix the title in the info.json or the file name", name)
            return None
        prior = self.by_source.get(name) or self.by_video.get(source.video or "")
        if prior is not None:
            out.skip(self.again(prior, text, transcript.sha256), name)
            return None
        problems = parse_episode(text, name)[1]
        if problems:  # a bug of ours, never the editor's: say so rather than write it
            out.skip(f"the episode would not build ({problems[0]}) — please report this", name)
            return None
        return text

    def remember(self, source: Source, name: str, transcript: Transcript, path: Path) -> None:
        """Count what reading the source noticed, and record its episode by file name and
        video page: a later source with either is skipped."""
        for note in transcript.notes:
            self.outcome.notes[_NOTE_NUMBER.sub("", note)] += 1
        meta = Meta(video=source.video, imported=Imported(name, transcript.sha256, "", False))
        self.by_source[name] = (path, meta)
        if source.video:
            self.by_video[source.video] = (path, meta)

    def episode_text(
        self, source: Source, transcript: Transcript, ids: dict[str, str]
    ) -> str | None:
        """What the importer writes for a source (None when its title is not valid)."""
        assert source.transcript is not None and source.date is not None
        title = checked_text("title", source.title or "")
        if title is None:
            return None
        show = self.catalog.shows.get(self.show)
        hosts = show.hosts if show is not None else ()
        show_lang = base_lang(self.lang or (show.language if show else None))
        language = base_lang(source.lang)
        video = checked_text("video", source.video) if source.video else None
        summary = checked_text("summary", source.description) if source.description else None
        speaking = list(dict.fromkeys(ids.values()))
        return draft(
            transcript.cues,
            title=title,
            date=source.date,
            show=self.show,
            video=video,
            ids=ids,
            guests=tuple(a for a in speaking if a not in hosts),
            is_draft=False,
            duration=duration_text(source.duration) if source.duration is not None else None,
            language=language if language and show_lang and language != show_lang else None,
            summary=summary,
            imported=Imported(
                source_name(source.transcript),
                transcript.sha256,
                kind_of(transcript, source.listed),
                False,
            ),
            chapters=source.chapters,
        )

    def again(self, prior: tuple[Path, Meta], text: str, sha256: str) -> str:
        """Why a source imported before is skipped: unchanged, touched since, or imported
        from another version of the file (or of the video's captions)."""
        path, meta = prior
        if path in self.claimed:
            return "already imported in this run (the same file or video twice)"
        if meta.imported is None or meta.imported.sha256 != sha256:
            return "already imported from another version of the file (left as it is)"
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if same:
            return "already imported, unchanged"
        return "already imported, edited since (left as it is)"

    def target(self, source: Source) -> Path | None:
        """A free path ``<year>/<slug>.md`` for the source (None: skipped, with why)."""
        assert source.date is not None
        year = str(source.date.year)
        folder = self.docs / year
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            self.outcome.skip(
                f"{folder} is not a folder — rename or remove it, then import again",
                source.name,
            )
            return None
        slug = slug_for(source.title or "")
        path, k = folder / f"{slug}.md", 1
        while path.exists() or path.is_symlink() or path in self.claimed:
            k += 1
            path = folder / f"{slug}-{k}.md"
        uri = f"{year}/{path.name}"
        if not is_episode(uri, self.patterns):
            self.outcome.skip(
                f"{uri} would not be an episode under the plugin's 'episodes' patterns in "
                "mkdocs.yml — add a pattern that matches <year>/<slug>.md",
                source.name,
            )
            return None
        self.claimed.add(path)
        return path

    def write(self, source: Source, path: Path, text: str) -> None:
        """Write a new episode file (never over an existing one)."""
        assert source.transcript is not None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            self.outcome.skip(f"cannot write {path.parent} ({e.strerror})", source.transcript.name)
            return
        self.outcome.imported.append(path)

    def write_held(self, held: list[tuple[Source, Path, str]]) -> None:
        """Add the run's new speakers to ``actors.yml`` (checked, atomically), then write
        the episodes that need them; if the data would break, skip those episodes."""
        new = self.outcome.actors
        try:
            text = with_actors(self.texts, new, self.data)
            write_atomic(self.data / "actors.yml", text)
        except (ImportError_, OSError) as e:
            why = str(e) if isinstance(e, ImportError_) else f"cannot write actors.yml ({e})"
            for source, *_ in held:
                self.outcome.skip(why, source.name)
            self.outcome.actors = {}
            return
        for source, path, text in held:
            self.write(source, path, text)
