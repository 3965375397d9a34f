"""The format reference (``FORMAT.md``), generated from the schema so it cannot drift.

``episodes reference > FORMAT.md`` rewrites it; a test fails when the file is out of date.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from .blocks import BLOCKS
from .fields import Field, ListOf, Needs, Nested
from .i18n import labels
from .inline import ID_MAX
from .schema import FRONT_MATTER, RECORDS
from .yamlsrc import MAX_DEPTH

INTRO = """\
# The episode format — reference

<!-- Generated from plugins/mkdocs_episodes/schema.py by `episodes reference > FORMAT.md`.
     Do not edit by hand: a test fails when this file and the schema differ. -->

An episode is one Markdown file under `episodes/` (`episodes/<year>/<slug>.md`, published at
`<year>/<slug>/`). It starts with YAML front matter between `---` lines; every other line is
a transcript line, a `## ` segment heading, or part of a `///` block. The data the episodes
refer to lives in `data/*.yml`. [AUTHORING.md](AUTHORING.md) explains all of it with
examples; this page lists every key, option and value the site accepts.

Every mistake is reported as `path:line: what is wrong — how to fix it` and fails
`mkdocs build --strict`; `episodes check` reports the same without building.
"""

TRANSCRIPT = """\
## Transcript lines

- Every non-blank line that is not markup is a transcript line, numbered from 1 in the file
  (`#L1`, `#L2`, … link to them); the words are shown exactly as written.
- A line split in a published episode keeps its number on its first part; the others are
  `#L57.2`, `#L57.3`, …, and every later line keeps its number, so readers' links still
  show the same words. The correction that records the split says so: `split: {L57: 3}`
  (`episodes split FILE L57` cuts the line at its sentence ends and writes it). In a
  draft, splitting is free: lines are simply numbered in order.
- `[mm:ss]` or `[h:mm:ss]` at the start of a line is its timestamp (minutes and seconds
  below 60). Timestamps must not go backwards.
- A blank line starts a new paragraph.
- `@<actor id>` alone on a line is a speaker turn: the lines after it are that actor's
  until the next turn (lines before any turn are the host's). Lines of a `clip` and of
  commentary with `| <actor id>` are that actor's.
- A line starting with `\\` is literal words: the backslash is dropped and nothing on the
  line is read as markup (`\\## 1`, `\\///`, `\\[12:00]`, `\\source: x`, `\\@name`). `\\[` inside a
  line stops `[words](target)` from becoming a link.
- `## title {#anchor}` starts a segment (a chapter); `### …` to `###### …` are subheadings;
  a `# ` heading is not allowed (the title comes from the front matter). An anchor starts
  with a letter, then letters, digits, `-` or `_`, at most 100 characters, and is not
  `L<number>`.

### Inline links

| write | links to |
|---|---|
| `[words](policy:<id>)` | the policy's page |
| `[words](actor:<id>)` | the actor's page |
| `[words](source:<id>)` | the source's address (`url`) |
| `[words](#L57)`, `[words](#<anchor>)` | a line, segment or block of the same episode |
| `[words](https://…)` | an address (`http` or `https`, no user name or password) |

The words stay; only the link is added. Links work in transcript lines, in editors' notes
and in the data's text fields marked *may link* below.
"""

BLOCKS_INTRO = """\
## Blocks

```text
/// <kind> | <argument>
    <option>: <value>        ← options: YAML, indented by exactly four spaces
<lines>
///
```

Blocks do not nest; a block is closed by a line `///`. An option line with other
indentation right under the header is an error (it would otherwise read as words). Every
block takes the option `id` (its anchor, unique in the episode; by default one is made).
"""

YAML_RULES = f"""\
## YAML rules (front matter, options, data files)

- Text, numbers, dates (`YYYY-MM-DD`, a day that exists), `true`/`false`, lists and
  mappings. Quote text that contains `: ` or ` #`, or starts with `[`, `{{`, `*`, `&`,
  `!`, `%`, `@` or a backquote: unquoted, ` #` starts a comment and the rest of the line
  is silently dropped (a text field that is cut this way is reported).
- Anchors and aliases (`&name`, `*name`) are refused: write values out.
- Tags (`!!python/…`, `!!binary`, `!custom`) are refused.
- Nesting deeper than {MAX_DEPTH} levels is refused.
- Keys are text, read as written. A key may appear once per mapping.
- Ids are lower-case letters, digits and hyphens (`ai-diffusion-rule`), at most {ID_MAX}
  characters.
- Text fields refuse control characters (tab aside; line breaks only in multi-line fields
  such as summaries), bidirectional control characters (U+202A–U+202E, U+2066–U+2069), and
  values made only of invisible characters.
- Line numbers in messages count `\\n`, `\\r\\n` and `\\r` as line breaks, as editors do.
"""

PAGES = """\
## Pages

Every Markdown or HTML file under the site's `docs_dir` is one of:

- an episode: it matches the plugin's `episodes` patterns (by default
  `[0-9][0-9][0-9][0-9]/*.md`);
- a page of the site's own listed under the plugin's `pages` option (an about page, the
  home page), or holding the marker `<!-- episodes -->`, where the list of episodes goes;
- a page another plugin owns (Material's blog: its `blog/` folder; Material's tags plugin:
  a page with `<!-- material/tags … -->`), left to that plugin;
- anything else: left out, never published unchecked; one message at the plugin's line of
  `mkdocs.yml` names them all and how to list them.

A file that is a link to somewhere outside the project is refused. Two files with the
same address (`2025/x.md` and `2025/x/index.md`) are reported.

The pages the plugin makes (the episode list, policies, actors, stances, corrections)
appear in the navigation only where the site's `nav:` names them; with no `nav:`, MkDocs'
own navigation lists them. A site's own `main.html` extends `episodes-base.html` (the
plugin's frame around Material's `base.html`), not `base.html`.

Drafts (`draft: true`) are checked in every build. Under `mkdocs serve` they are shown and
their problems are warnings; in `mkdocs build` they are left out and their problems are
printed as information marked `[draft]`, so `--strict` still passes with unfinished drafts
on main (`episodes check --drafts` counts them).
"""


def _options() -> list[str]:
    """The plugin's options, as ``config.py`` declares them (each option's docstring is
    read from the source: Python keeps no docstring of a class attribute)."""
    import ast
    import inspect
    import json
    import textwrap

    from . import config

    tree = ast.parse(inspect.getsource(config.EpisodesConfig))
    [cls] = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    rows = [
        "## Plugin options",
        "",
        "Under `plugins: - episodes:` in `mkdocs.yml`.",
        "",
        "| option | default | meaning |",
        "|---|---|---|",
    ]
    body = cls.body
    for node, after in itertools.pairwise(body):
        if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
            continue
        if not (isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)):
            continue
        name = node.targets[0].id
        default = getattr(config.EpisodesConfig, name).default
        # as YAML spells it (true, "data", [...]); json writes the same for these values
        shown = "(unset)" if default is None else f"`{json.dumps(default, ensure_ascii=False)}`"
        doc = " ".join(textwrap.dedent(str(after.value.value)).split()).replace("``", "`")
        rows.append(f"| `{name}` | {shown} | {doc} |")
    return [*rows, ""]


def _table(fields: Mapping[str, Field], needs: tuple[Needs, ...] = ()) -> list[str]:
    rows = ["| key | required | value | meaning |", "|---|---|---|---|"]
    for key, spec in fields.items():
        required = "yes" if spec.required else ""
        rows.append(f"| `{key}` | {required} | {_doc(spec)} | {spec.doc} |")
    for rule in needs:
        need = " or ".join(f"`{k}`" for k in rule.need)
        when = (
            " when " + " or ".join(f"`{k}`" for k in rule.when) + " is given" if rule.when else ""
        )
        if rule.when_is:
            values = " or ".join(f"`{v}`" for v in rule.when_is)
            when = f" when `{rule.when[0]}` is {values}"
        one = " (only one of them)" if rule.only_one else ""
        rows.append(f"\nRequired{when}: {need}{one}.")
    return rows


def _doc(spec: Field) -> str:
    check = spec.check
    if isinstance(check, (Nested, ListOf)):
        return check.doc + " (below)"
    return check.doc


def _inner_tables(fields: Mapping[str, Field]) -> list[str]:
    """A table for each field whose value is a mapping or a list of mappings."""
    out = []
    for key, spec in fields.items():
        if isinstance(spec.check, (Nested, ListOf)):
            inner = spec.check.fields
            out += ["", f"`{key}`:", ""]
            out += _table(inner.fields, inner.needs)
    return out


def reference() -> str:
    """The whole reference as Markdown."""
    out = [INTRO, "## Front matter", ""]
    out += _table(FRONT_MATTER.fields, FRONT_MATTER.needs)
    out += _inner_tables(FRONT_MATTER.fields)
    out += ["", TRANSCRIPT, BLOCKS_INTRO]
    for kind in BLOCKS.values():
        arg = ""
        if kind.argument is not None:
            need = "required" if kind.argument.required else "optional"
            arg = f" | <{kind.argument.example.strip('<>')}>"
            arg_doc = f"Argument ({need}): {kind.argument.doc}."
        else:
            arg_doc = "No argument."
        lines = "transcript lines" if kind.transcript else "not transcript lines (not numbered)"
        out += [
            f"### `/// {kind.name}{arg}` — {_label(kind.name)}",
            "",
            kind.doc,
            "",
            f"{arg_doc} Its lines are {lines}.",
            "",
        ]
        out += _table(kind.option_set.fields, kind.needs)
        out.append("")
    out += ["## Data files", ""]
    for rtype in RECORDS.values():
        out += [
            f"### `data/{rtype.file}.yml`",
            "",
            f"{rtype.doc} The file maps ids to records.",
            "",
        ]
        out += _table(rtype.fields, rtype.needs)
        if rtype.reserved:
            reserved = ", ".join(f"`{r}`" for r in sorted(rtype.reserved))
            out += ["", f"Reserved ids (their pages would replace the site's own): {reserved}."]
        out += _inner_tables(rtype.fields)
        out.append("")
    out += [YAML_RULES, PAGES]
    out += _options()
    return "\n".join(out).rstrip() + "\n"


def _label(name: str) -> str:
    """A kind's label as the Chinese and English pages show it."""
    zh, en = labels("zh").table, labels("en").table
    key = f"label.{name}"
    return f"{zh[key]} / {en[key]}" if key in zh and key in en else name
