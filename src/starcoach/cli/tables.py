"""Tables that fit the terminal they are printed on, and plain rows when piped.

On a terminal a table takes the console's width (COLUMNS when set). Key columns (ids) are never wrapped or
split; text columns wrap at whole words. When the columns do not fit, the optional ones are dropped in
the order they name, and when even the key and required columns do not fit, each row is stacked as a small
block ("id" on its own line, then "field: value" lines that wrap under the value).

When stdout is not a terminal (a pipe or a file) a table is written as tab-separated lines with a header
line, one line per row, so `cut`, `sort` and `grep` work on it. Nothing is dropped or shortened there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import JustifyMethod, RenderableType
    from rich.segment import Segment
    from rich.text import Text

# What box.SIMPLE without edges puts between two columns: a space of padding, the divider, a space.
COLUMN_GAP = 3
# A text column narrower than this wraps into a tower of one word per line; stack the rows instead.
MIN_TEXT_WIDTH = 12
# A single word longer than this may fold inside a text column (a long URL), rather than widen it.
MAX_WORD_WIDTH = 24


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, and how it behaves when space runs short."""

    header: str
    key: bool = False
    """An id or a short label: never wrapped, never split, never dropped."""
    drop: int = 0
    """0: always shown; otherwise dropped when narrow, the highest number first."""
    wrap: bool = True
    """False for short values that read badly broken (dates, scores); they keep their width."""
    min_width: int = MIN_TEXT_WIDTH
    """The narrowest a wrapping column may get before optional columns are dropped to widen it."""
    ratio: int = 1
    """How much of the spare width a text column takes, relative to the other text columns."""
    justify: JustifyMethod = "left"


def is_terminal() -> bool:
    """Return True when stdout is a terminal (or Rich is told to treat it as one)."""
    from rich.console import Console

    return Console().is_terminal


def console_width() -> int:
    """Return the width Rich will print at (COLUMNS, the terminal's width, or 80)."""
    from rich.console import Console

    return Console().width


def _plain(cell: str | Text) -> str:
    text = cell if isinstance(cell, str) else cell.plain
    return " ".join(text.split())


def _to_text(cell: str | Text) -> Text:
    from rich.text import Text

    return Text(cell) if isinstance(cell, str) else cell


def plain_table(columns: Sequence[Column], rows: Sequence[Sequence[str | Text]]) -> str:
    """Return the rows as tab-separated lines under a header line (for pipes and files)."""
    lines = ["\t".join(c.header for c in columns)]
    lines.extend("\t".join(_plain(cell) for cell in row) for row in rows)
    return "\n".join(lines) + "\n"


def _natural(column: Column, cells: Sequence[str | Text]) -> int:
    return max([len(column.header), *(len(_plain(c)) for c in cells)])


def _minimum(column: Column, cells: Sequence[str | Text]) -> int:
    if column.key or not column.wrap:
        return _natural(column, cells)
    longest_word = max(
        [len(w) for w in column.header.split()] + [len(w) for c in cells for w in _plain(c).split()]
    )
    natural = _natural(column, cells)
    return min(natural, max(column.min_width, min(longest_word, MAX_WORD_WIDTH)))


def choose_columns(
    columns: Sequence[Column], rows: Sequence[Sequence[str | Text]], width: int
) -> list[int] | None:
    """Return the indexes of the columns that fit in `width`, or None when the rows must be stacked."""
    by_column = [[row[k] for row in rows] for k in range(len(columns))]
    # A column with nothing in any row (no story is the anchor) only takes space.
    keep = [k for k in range(len(columns)) if any(_plain(c) for c in by_column[k])]

    def needed(indexes: list[int]) -> int:
        return sum(_minimum(columns[k], by_column[k]) for k in indexes) + COLUMN_GAP * (
            len(indexes) - 1
        )

    droppable = sorted((k for k, c in enumerate(columns) if c.drop), key=lambda k: -columns[k].drop)
    while needed(keep) > width:
        if not droppable:
            return None
        dropped = droppable.pop(0)
        if dropped in keep:
            keep.remove(dropped)
    return keep


def _share(
    columns: Sequence[Column],
    by_column: Sequence[Sequence[str | Text]],
    keep: Sequence[int],
    width: int,
) -> dict[int, int]:
    """Return the width of each kept wrapping column: its natural width when all fit, else a share.

    Every wrapping column starts at its minimum; the width left over goes to the columns that still
    want more, in proportion to how much more they want times their ratio, never past their natural width.
    """
    flexible = [k for k in keep if not (columns[k].key or columns[k].wrap is False)]
    fixed = sum(_natural(columns[k], by_column[k]) for k in keep if k not in flexible)
    spare = width - fixed - COLUMN_GAP * (len(keep) - 1)
    widths = {k: _minimum(columns[k], by_column[k]) for k in flexible}
    natural = {k: _natural(columns[k], by_column[k]) for k in flexible}
    spare -= sum(widths.values())
    while spare > 0:
        wanting = [k for k in flexible if widths[k] < natural[k]]
        if not wanting:
            break
        weight = sum((natural[k] - widths[k]) * columns[k].ratio for k in wanting)
        given = 0
        for k in wanting:
            share = spare * (natural[k] - widths[k]) * columns[k].ratio // weight
            share = min(share, natural[k] - widths[k])
            widths[k] += share
            given += share
        if given == 0:
            # Hand out the last few columns one at a time, the widest want first.
            k = max(wanting, key=lambda c: natural[c] - widths[c])
            widths[k] += 1
            given = 1
        spare -= given
    return widths


def fitted_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Text]],
    width: int,
    *,
    title: str | None = None,
) -> RenderableType:
    """Return a Rich renderable of the rows that fits `width` columns (see the module docstring)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    keep = choose_columns(columns, rows, width)
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="bold"))
    if keep is None:
        parts.append(stacked(columns, rows))
        return Group(*parts)
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, width=None)
    by_column = [[row[k] for row in rows] for k in range(len(columns))]
    widths = _share(columns, by_column, keep, width)
    for k in keep:
        column = columns[k]
        justify = column.justify
        if column.key or not column.wrap:
            table.add_column(
                column.header,
                no_wrap=True,
                min_width=_natural(column, by_column[k]),
                justify=justify,
            )
        else:
            table.add_column(
                column.header,
                overflow="fold",
                width=widths[k],
                justify=justify,
            )
    for row in rows:
        table.add_row(*(_to_text(row[k]) for k in keep))
    parts.append(table)
    return Group(*parts)


def stacked(columns: Sequence[Column], rows: Sequence[Sequence[str | Text]]) -> RenderableType:
    """Return each row as a block: its key cells on one line, then one "header: value" line per field."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    blocks: list[RenderableType] = []
    label_width = max((len(c.header) for c in columns if not c.key), default=0) + 1
    for number, row in enumerate(rows):
        head = Text()
        for k, column in enumerate(columns):
            if column.key and _plain(row[k]):
                if len(head):
                    head.append("  ")
                head.append_text(_to_text(row[k]))
        if number:
            blocks.append(Text(""))
        head.stylize("bold")
        blocks.append(head)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, min_width=label_width, style="dim")
        grid.add_column(overflow="fold")
        for k, column in enumerate(columns):
            if not column.key and _plain(row[k]):
                grid.add_row(f"{column.header}:", _to_text(row[k]))
        blocks.append(Padding(grid, (0, 0, 0, 2), expand=False))
    return Group(*blocks)


class PlainLines:
    """Lines printed as they are: never wrapped or cropped to the console's width (for pipes)."""

    def __init__(self, text: str) -> None:
        self.lines = text.rstrip("\n").split("\n")

    def __rich_console__(self, console: object, options: object) -> Iterator[Segment]:
        from rich.segment import Segment

        for line in self.lines:
            yield Segment(line)
            yield Segment.line()


def table_block(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Text]],
    *,
    title: str | None = None,
    width: int | None = None,
    terminal: bool | None = None,
) -> RenderableType:
    """Return the rows fitted to the terminal, or as tab-separated lines when stdout is not one."""
    if terminal is None:
        terminal = is_terminal()
    if not terminal:
        heading = f"# {title}\n" if title else ""
        return PlainLines(heading + plain_table(columns, rows))
    return fitted_table(columns, rows, width or console_width(), title=title)


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Text]],
    *,
    title: str | None = None,
) -> None:
    """Print the rows: fitted to the terminal, or tab-separated when stdout is not a terminal."""
    from starcoach.cli.output import print_rich

    print_rich(table_block(columns, rows, title=title))
