"""The files of one build as MkDocs holds them: the site's own files handed to the checks,
the files the plugin adds (downloads, the feed, generated pages), outputs that would clash,
and what a ``--dirty`` build must write again."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import owners
from .addresses import Output, conflicts
from .errors import Problem
from .owners import Claims
from .site import SourceFile
from .virtual import VirtualFile


def sources(
    files: Files, config: MkDocsConfig, docs_rel: str, claims: Claims
) -> Iterator[SourceFile]:
    """The site's own files (not the theme's, not generated) as the checks read them,
    each with the plugin that owns it, if another does (``claims``, or a page another
    plugin has already made of it)."""
    for f in files:
        if f.abs_src_path and f.src_dir == config.docs_dir:
            real = Path(os.path.realpath(f.abs_src_path))
            owner = claims.of_path(f.src_uri)
            if owner is None and (f.page is not None or f.generated_by):
                owner = f.generated_by or type(f.page).__module__
            yield SourceFile(f.src_uri, f"{docs_rel}/{f.src_uri}", _reader(f), real, owner)


def claims(config: MkDocsConfig) -> Claims:
    """What the site's other plugins own (see :mod:`.owners`)."""
    # a `hooks:` file is listed among the plugins too, with no options: it claims nothing
    return owners.claims(
        {name: p.config for name, p in config.plugins.items() if hasattr(p, "config")}
    )


def _reader(file: File) -> Callable[[], bytes]:
    def read() -> bytes:
        return file.content_bytes

    return read


def download_folder(src_uri: str) -> str:
    """Where an episode's downloads live: ``2025/x.md`` -> ``2025/x/``."""
    return src_uri[: -len(".md")] + "/"


def add(
    files: Files, config: MkDocsConfig, uri: str, make: Callable[[], str], docs_rel: str
) -> tuple[VirtualFile | None, Problem | None]:
    """Add a generated file made by ``make`` at ``uri``, unless a file of the site has its
    address (then the problem to report)."""
    taken = files.get_file_from_path(uri)
    if taken is not None:
        return None, Problem(
            f"{docs_rel}/{taken.src_uri}",
            1,
            "has the address of a file the site generates",
            "rename or remove it",
        )
    file = VirtualFile.lazy(config, uri, make)
    files.append(file)
    return file, None


def refuse_clashes(files: Files, owners: dict[str, str], docs_rel: str) -> list[Problem]:
    """Leave out an author's file that would be written where another output is (the same
    address, or a file where a folder must be), with what it brings (an episode's
    downloads: ``owners`` maps each to its episode); the problems to report."""
    owner_of = {f.src_uri: owners.get(f.src_uri, f.src_uri) for f in files}
    outputs = [
        Output(
            f.dest_uri,
            "" if isinstance(f, VirtualFile) and f.src_uri not in owners else owner_of[f.src_uri],
        )
        for f in files
    ]
    refused: set[str] = set()
    problems = []
    for kept, clash in conflicts(outputs):
        if not clash.owner or clash.owner in refused:
            continue
        refused.add(clash.owner)
        what = f"{docs_rel}/{kept.owner}" if kept.owner else "a file the site makes"
        problems.append(
            Problem(
                f"{docs_rel}/{clash.owner}",
                1,
                f"would be written to {clash.dest}, where {what} has {kept.dest}",
                "rename or move the file",
            )
        )
    for f in list(files):
        if owner_of[f.src_uri] in refused:
            files.remove(f)
    return problems


def write_again(file: File) -> None:
    """Make a ``--dirty`` build write ``file`` again: a page whose output is gone is
    rebuilt by MkDocs; a generated file is marked modified."""
    if isinstance(file, VirtualFile):
        file.unchanged = False
    elif file.abs_dest_path and os.path.isfile(file.abs_dest_path):
        os.remove(file.abs_dest_path)


def keep(file: File) -> None:
    """Let a ``--dirty`` build skip a generated file whose output is unchanged."""
    if isinstance(file, VirtualFile):
        file.unchanged = True
