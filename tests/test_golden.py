"""Behaviour goldens: a restructure or clean-up must not change what sitekit produces.

Regenerate on purpose only: `python tests/golden/goldens.py` (see its docstring).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))

import goldens


def test_example_site_output_and_audit_match_the_goldens(tmp_path: Path) -> None:
    files, report = goldens.build_and_audit(tmp_path)
    expected = goldens.built_files(goldens.SITE_GOLDEN)
    assert sorted(files) == sorted(expected)
    for rel, data in expected.items():
        assert files[rel] == data, f"built {rel} differs from tests/golden/example_site/{rel}"
    assert report == goldens.AUDIT_GOLDEN.read_text(encoding="utf-8")


@pytest.mark.skipif(not goldens.CORPUS.is_dir(), reason="no ../shared/audit-corpus beside the repo")
def test_accuracy_scores_match_the_golden() -> None:
    assert goldens.accuracy() == goldens.ACCURACY_GOLDEN.read_text(encoding="utf-8")
