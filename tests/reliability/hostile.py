"""A corpus of hostile and mistyped story files, generated here (none is kept in the repository)."""

from __future__ import annotations


def _laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines)


def _story(front: str, body: str = "## Situation\n\nWe shipped it.\n") -> bytes:
    return f"---\n{front}\n---\n\n{body}".encode("utf-8", "surrogatepass")


def hostile_files() -> dict[str, bytes]:
    """Return name -> file bytes for every hostile story file the import must refuse quickly."""
    deep_flow = "[" * 20_000 + "]" * 20_000
    deep_block = "\n".join("  " * i + f"k{i}:" for i in range(200)) + " x"
    corpus: dict[str, bytes] = {
        "billion-laughs.md": _story("title: Laughs\n" + _laughs()),
        "alias-in-field.md": _story("title: &t Hello\nrole: *t"),
        "anchor-only.md": _story("title: &x Hello"),
        "deep-flow.md": _story(f"title: Deep\ntags: {deep_flow}"),
        "deep-block.md": _story(f"title: Deep\ntags:\n{deep_block}"),
        "huge-int.md": _story("title: Big team\nteam_size: " + "9" * 5001),
        "long-int.md": _story("title: Big team\nteam_size: 12345678901234567890"),
        "sexagesimal.md": _story("title: Clock\nteam_size: 1:30"),
        "date-feb-30.md": _story("title: Dates\nstarted: 2023-02-30"),
        "date-month-13.md": _story("title: Dates\nended: 2023-13-01"),
        "date-feb-31.md": _story("title: Dates\nstarted: 2023-02-31"),
        "time-of-day.md": _story("title: Time\nstarted: 12:30:00"),
        "timestamp.md": _story("title: Time\nstarted: 2023-02-30T10:00:00Z"),
        "python-tag.md": _story('title: !!python/object/apply:os.system ["echo pwned"]'),
        "custom-tag.md": _story("title: !mine Hello"),
        "binary-tag.md": _story("title: !!binary aGVsbG8="),
        "set-tag.md": _story("title: Set\ntags: !!set {a, b}"),
        "merge-key.md": _story("title: Merge\nbase: &b {did: x}\nactions:\n  - <<: *b"),
        "binary.md": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40,
        "invalid-utf8.md": b"---\ntitle: \xff\xfe bad\n---\n",
        "nul-in-text.md": _story("title: Nul\x00here"),
        "surrogate-escape.md": _story('title: "\\udc00 lone"'),
        "control-chars.md": _story('title: "bell \\a and escape \\e"'),
        "huge-file.md": _story("title: Huge", "## Situation\n\n" + "word " * 250_000),
        "huge-front-matter.md": _story("title: Huge\nrole: " + "x" * 150_000),
        "many-unknown-keys.md": _story(
            "title: Keys\n" + "\n".join(f"key{i}: v" for i in range(5_000))
        ),
        "many-tags.md": _story(
            "title: Tags\ntags: [" + ", ".join(f"t{i}" for i in range(20_000)) + "]"
        ),
        "long-line.md": _story("title: " + "y" * 90_000),
        "no-front-matter.md": b"# Just a heading\n\nSome text.\n",
        "unclosed.md": b"---\ntitle: Open\n\n## Situation\n",
        "not-a-mapping.md": _story("- just\n- a list"),
        "two-documents.md": b"---\ntitle: One\n---\n---\ntitle: Two\n---\n",
        "bad-yaml.md": _story("title: [unclosed"),
        "tab-indent.md": _story("title: Tabs\nactions:\n\t- did: x"),
        "empty.md": b"",
        "whitespace.md": b"   \n\n\t\n",
        "bom-only.md": b"\xef\xbb\xbf",
        "null-title.md": _story("title: ~"),
        "list-title.md": _story("title: [a, b]"),
        "duplicate-keys.md": _story("title: A\ntitle: B"),
        "unknown-section.md": _story("title: A", "## Nonsense\n\ntext\n"),
        "many-sections.md": _story("title: A", "## Situation\n\nx\n" * 5_000),
    }
    return corpus
