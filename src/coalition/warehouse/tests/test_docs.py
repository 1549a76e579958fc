from pathlib import Path

from coalition.warehouse.kinds import KINDS

DOC = Path(__file__).resolve().parents[4] / "docs" / "warehouse.md"


def test_every_canonical_column_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for kind in KINDS.values():
        assert f"`{kind.code}`" in text
        for column in kind.columns:
            assert f"| `{column.name}` |" in text, (kind.code, column.name)
