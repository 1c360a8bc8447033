"""Every numeric option is validated at the Click layer: a one-line usage error, exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitekit.cli import main


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "http://127.0.0.1:9/", "--timeout", "0"],
        ["audit", "http://127.0.0.1:9/", "--timeout", "-3"],
        ["audit", "http://127.0.0.1:9/", "--timeout", "nan"],
        ["audit", "http://127.0.0.1:9/", "--timeout", "1e300"],
        ["audit", "http://127.0.0.1:9/", "--max-depth", "-1"],
        ["audit", "http://127.0.0.1:9/", "--max-pages", "0"],
        ["audit", "http://127.0.0.1:9/", "--concurrency", "0"],
        ["audit", "http://127.0.0.1:9/", "--rate", "0"],
        ["audit", "http://127.0.0.1:9/", "--rate", "inf"],
        ["audit", "http://127.0.0.1:9/", "--fail-under", "180"],
        ["audit", "http://127.0.0.1:9/", "--fail-under", "proof=-1"],
        ["audit", "http://127.0.0.1:9/", "--fail-under", "nan"],
        ["audit", "http://127.0.0.1:9/", "--tolerance", "-1"],
        ["check", ".", "--fail-under", "101"],
        ["serve", ".", "--port", "99999"],
        ["serve", ".", "--port", "-1"],
        ["serve", ".", "--port", "0"],
    ],
)
def test_bad_number_is_a_usage_error(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Invalid value for " in errors[0] and "--" in errors[0], (
        result.stderr
    )
