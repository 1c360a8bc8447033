"""Run sitekit as `python -m sitekit`."""

from sitekit.cli import main

main()
