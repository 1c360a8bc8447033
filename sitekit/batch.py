"""Many sites at once: a list of targets audited concurrently, one report each, resumable.

Each site is its own `run_audit` (its own crawl, so robots.txt, the rate limit, Crawl-delay
and the address guard stay per site); a site that fails becomes a row with its reason. The
summary is rewritten after every site, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitekit.audit.pipeline import run_audit
from sitekit.audit.profile import Profile
from sitekit.batch_summary import write_summaries
from sitekit.batch_targets import report_names
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import SitekitError
from sitekit.models import CRITERIA, AuditReport

SUMMARY_JSON = "summary.json"


@dataclass(frozen=True)
class SiteRow:
    """One site of a batch: its scores and report file, or the reason it was not audited."""

    target: str
    score: float | None = None
    criteria: dict[str, float | None] = field(default_factory=dict)
    pages: int = 0
    report: str | None = None  # file name inside the output folder
    reason: str | None = None  # why the site could not be audited; None when it was
    seconds: float = 0.0
    resumed: bool = False  # taken from an earlier run's summary, not audited again

    @property
    def audited(self) -> bool:
        return self.reason is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "score": self.score,
            "criteria": {c: self.criteria.get(c) for c in CRITERIA},
            "pages": self.pages,
            "report": self.report,
            "reason": self.reason,
            "seconds": round(self.seconds, 2),
        }


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch is: sites finished of all, sites running, pages fetched so far."""

    sites_done: int
    sites_total: int
    running: int
    pages: int
    url: str


def earlier_rows(out_dir: Path, profile: str) -> dict[str, SiteRow]:
    """Sites an earlier run in `out_dir` audited with the same profile and whose report is there."""
    try:
        data = json.loads((out_dir / SUMMARY_JSON).read_text("utf-8"))
        if data.get("profile") != profile:
            return {}
        rows = {}
        for site in data["sites"]:
            report = site.get("report")
            if site.get("reason") is None and report and (out_dir / report).is_file():
                rows[site["target"]] = SiteRow(
                    target=site["target"],
                    score=site["score"],
                    criteria=dict(site["criteria"]),
                    pages=int(site["pages"]),
                    report=report,
                    seconds=float(site.get("seconds", 0.0)),
                    resumed=True,
                )
        return rows
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no summary, or not one of ours: audit everything


def ranked(rows: Iterable[SiteRow]) -> list[SiteRow]:
    """Audited sites by score (best first), then the ones that could not be audited."""
    return sorted(rows, key=lambda r: (not r.audited, -(r.score or 0.0), r.target))


def _reason(exc: SitekitError, target: str) -> str:
    """The error's message without the target (the row already names it)."""
    message = exc.message.replace(f"({target}: ", "(").replace(f" at {target}", "")
    return " ".join(message.replace(f" {target}:", ":").split())


def _write_report(report: AuditReport, fmt: str, path: Path) -> None:
    """One site's report in `fmt`, written whole or not at all."""
    # here, not at the top: the report formats are only needed once a site is audited
    from sitekit.report import format_report
    from sitekit.report.json_report import write_json

    partial = path.with_name(path.name + ".part")
    with partial.open("w", encoding="utf-8") as handle:
        if fmt == "json":
            write_json(report, handle)
        else:
            handle.write(format_report(report, fmt))
    os.replace(partial, path)


class _Batch:
    """The shared state of one batch run: rows so far, progress, the summary on disk."""

    def __init__(
        self,
        targets: list[str],
        out_dir: Path | None,
        profile: Profile,
        progress: Callable[[BatchProgress], None] | None,
    ) -> None:
        self.targets = targets
        self.out_dir = out_dir
        self.profile = profile
        self.progress = progress
        self.rows: dict[str, SiteRow] = {}
        self.pages: dict[str, int] = {}
        self.running: set[str] = set()
        self.lock = threading.Lock()

    def site_progress(self, target: str) -> Callable[[int, int, str], None]:
        def show(done: int, _queued: int, url: str) -> None:
            with self.lock:
                if target in self.rows:
                    return  # news of a site already finished (progress and results race)
                self.pages[target] = done
                self._tell(url)

        return show

    def started(self, target: str) -> None:
        with self.lock:
            if target in self.rows:
                return
            self.running.add(target)
            self._tell(target)

    def finished(self, row: SiteRow) -> None:
        with self.lock:
            self.running.discard(row.target)
            self.rows[row.target] = row
            self.pages[row.target] = max(self.pages.get(row.target, 0), row.pages)
            if self.out_dir is not None:
                write_summaries(self.out_dir, self.ordered(), self.profile.name)
            self._tell(row.target)

    def ordered(self) -> list[SiteRow]:
        return ranked(self.rows[t] for t in self.targets if t in self.rows)

    def _tell(self, url: str) -> None:
        if self.progress is not None:
            total_pages = sum(self.pages.values())
            done, total, running = len(self.rows), len(self.targets), len(self.running)
            self.progress(BatchProgress(done, total, running, total_pages, url))


# What each site worker process holds, set once by _init_worker.
STARTED = -1  # a progress message's page count that says a site's audit has begun
_worker: dict[str, Any] = {}


def _init_worker(
    profile: Profile, settings: CrawlSettings, fmt: str, out_dir: Path | None, queue: Any
) -> None:
    # A site worker is already one of the batch's processes, one per core: a page pool of
    # its own would only add processes on the same cores (bench/sites.py), so each site's
    # pages are checked in the worker itself.
    from sitekit.audit import pool

    pool.IN_PROCESS_PAGES = sys.maxsize
    _worker.update(profile=profile, settings=settings, fmt=fmt, out_dir=out_dir, queue=queue)


def _send_progress(target: str) -> Callable[[int, int, str], None] | None:
    queue = _worker["queue"]
    if queue is None:
        return None

    def send(done: int, _queued: int, url: str) -> None:
        queue.put((target, done, url))

    return send


def _audit_site(target: str, name: str) -> SiteRow:
    """One site, in a worker process: audited, its report written, its row returned."""
    out_dir: Path | None = _worker["out_dir"]
    start = time.perf_counter()
    if _worker["queue"] is not None:
        _worker["queue"].put((target, STARTED, target))
    try:
        report = run_audit(
            target,
            profile=_worker["profile"],
            settings=_worker["settings"],
            progress=_send_progress(target),
        )
    except SitekitError as exc:
        row = SiteRow(target, reason=_reason(exc, target))
    except Exception as exc:  # a crash in one site's audit is that site's row, not the run's
        row = SiteRow(target, reason=f"internal error: {type(exc).__name__}: {exc}")
    else:
        if out_dir is not None:
            try:
                _write_report(report, _worker["fmt"], out_dir / name)
            except OSError as exc:
                raise SitekitError(f"cannot write {out_dir / name}: {exc.strerror}") from exc
        row = SiteRow(
            target,
            score=report.score,
            criteria={c: report.criteria.get(c) for c in CRITERIA},
            pages=sum(1 for p in report.pages if p.auditable and p.score is not None),
            report=name if out_dir is not None else None,
        )
    return dataclasses.replace(row, seconds=time.perf_counter() - start)


def _relay(queue: Any, batch: _Batch) -> None:
    """Pass the workers' page progress to the batch, until the None that ends it."""
    while (message := queue.get()) is not None:
        target, done, url = message
        if done == STARTED:
            batch.started(target)
        else:
            batch.site_progress(target)(done, 0, url)


def _run_pool(
    todo: list[str], workers: int, names: dict[str, str], batch: _Batch, initargs: tuple[Any, ...]
) -> list[str]:
    """Audit `todo` in a pool of `workers` site processes; return the targets whose worker died."""
    import multiprocessing  # only a batch starts site processes
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sitekit.batch", "sitekit.audit.snapshot"])
    died: list[str] = []
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=initargs
    )
    try:
        futures = {pool.submit(_audit_site, target, names[target]): target for target in todo}
        for future in as_completed(futures):
            try:
                batch.finished(future.result())  # re-raises a SitekitError (output folder)
            except BrokenProcessPool:
                died.append(futures[future])
                batch.running.discard(futures[future])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return died


def run_batch(
    targets: list[str],
    *,
    profile: Profile,
    settings: CrawlSettings,
    fmt: str = "json",
    out_dir: Path | None = None,
    sites: int = 4,
    fresh: bool = False,
    progress: Callable[[BatchProgress], None] | None = None,
) -> list[SiteRow]:
    """Audit every target, `sites` at a time; return one row per target, ranked by score.

    Each site is audited in a worker process of its own (`sites` of them), so a batch
    uses every core. With `out_dir`, each site's report is written there in `fmt`, with
    summary.json, summary.csv and index.html after every site; sites an earlier run there
    audited are skipped unless `fresh`. A site that fails is a row with its reason; nothing
    is raised for it. Raises SitekitError only when `out_dir` cannot be written. Scripts that
    call it need the `if __name__ == "__main__":` guard (workers start from a fork server).
    """
    names = report_names(targets, fmt)
    earlier: dict[str, SiteRow] = {}
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SitekitError(f"cannot create {out_dir}: {exc.strerror}") from exc
        if not fresh:
            earlier = earlier_rows(out_dir, profile.name)
    batch = _Batch(targets, out_dir, profile, progress)
    todo = []
    for target in targets:
        if target in earlier and earlier[target].report == names[target]:
            batch.finished(earlier[target])
        else:
            todo.append(target)
    if not todo:
        return batch.ordered()
    import multiprocessing

    queue = multiprocessing.get_context("forkserver").Queue() if progress else None
    relay = threading.Thread(target=_relay, args=(queue, batch), daemon=True) if queue else None
    if relay is not None:
        relay.start()
    initargs = (profile, settings, fmt, out_dir, queue)
    try:
        died = _run_pool(todo, min(max(1, sites), len(todo)), names, batch, initargs)
        for target in died:  # again, one at a time: a worker that dies now is that site's own
            if _run_pool([target], 1, names, batch, initargs):
                reason = "not audited: the process auditing it died (out of memory?)"
                batch.finished(SiteRow(target, reason=reason))
    finally:
        if queue is not None and relay is not None:
            queue.put(None)
            relay.join(5)
    return batch.ordered()
