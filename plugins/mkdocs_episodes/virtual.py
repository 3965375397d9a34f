"""Files the plugin adds to the site: made when written, rewritten only when changed."""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


class VirtualFile(File):
    """A generated file (page, download, feed) whose content is made when MkDocs writes
    it. Under ``--dirty`` it counts as modified unless the plugin found its output
    unchanged since the last build and the file is still in ``site_dir``."""

    make: Callable[[], str] | None = None
    unchanged: bool = False

    @classmethod
    def lazy(cls, config: MkDocsConfig, uri: str, make: Callable[[], str]) -> VirtualFile:
        """A virtual file at ``uri`` whose text ``make()`` returns."""
        f = cls.generated(config, uri, content="")
        assert isinstance(f, VirtualFile)
        f.make = make
        return f

    @property  # type: ignore[misc]
    def content_string(self) -> str:
        """The file's text (made now)."""
        return self.make() if self.make is not None else str(self._content or "")

    @property  # type: ignore[misc]
    def content_bytes(self) -> bytes:
        """The file's text as UTF-8."""
        return self.content_string.encode("utf-8")

    def is_modified(self) -> bool:
        """What ``--dirty`` asks: whether to write the file again."""
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file into ``site_dir`` (skipped under ``--dirty`` when unchanged)."""
        if dirty and not self.is_modified():
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as out:
            out.write(self.content_bytes)
