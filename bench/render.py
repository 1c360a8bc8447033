"""Time rendered audits: seconds per page for sitekit.browser.chromium on the built example site.

Usage: python bench/render.py [SITE_DIR] [--rounds N]
Prints Chromium start-up, then per-page seconds with and without screenshots (median of N).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitekit.browser.chromium import Renderer  # noqa: E402
from sitekit.shot import serve_folder  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default=str(REPO), type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    with tempfile.TemporaryDirectory(prefix="sitekit-render-") as tmp:
        out = build_site(load_config(args.site_dir), out_dir=Path(tmp) / "site").out_dir
        rels = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))
        with serve_folder(out) as base:
            started = time.perf_counter()
            with Renderer() as renderer:
                print(f"chromium start: {time.perf_counter() - started:.2f} s")
                for shots in (True, False):
                    times = []
                    for _ in range(args.rounds):
                        for rel in rels:
                            page = renderer.render(base + rel, screenshots=shots)
                            assert page.error is None, page.error
                            times.append(page.elapsed)
                    label = "with screenshots" if shots else "without screenshots"
                    print(
                        f"{label:<20} {len(times)} renders: median {statistics.median(times):.2f} "
                        f"s/page, max {max(times):.2f} s"
                    )
            print(f"total incl. shutdown: {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
