"""Our override of Material's search partial differs from Material's only by the fix."""

from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent


def test_search_partial_matches_material_except_the_dialog_name() -> None:
    ours = (ROOT / "site_overrides" / "partials" / "search.html").read_text("utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(
        "utf-8"
    )
    body = ours.split("-#}\n", 1)[1]
    expected = theirs.split("-#}\n", 1)[1].replace(
        'role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    )
    assert body == expected, "Material's search partial changed: update the override"
