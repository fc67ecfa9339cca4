"""run_gate: every landing delivery is accepted, quarantined or skipped as unchanged."""

from __future__ import annotations

import calendar
import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hsn.demo_marker import check_pseudonym_key
from hsn.errors import MissingFolder
from hsn.gate import references
from hsn.gate.accepting import (
    control_total,
    write_accepted,
    write_schema_placeholders,
)
from hsn.gate.checksum_cache import ChecksumCache
from hsn.gate.contract import EXTRACTS, Extract
from hsn.gate.cross_checks import AcceptedKeys
from hsn.gate.failures import RuleFailure
from hsn.gate.gx_validation import suite_document
from hsn.gate.layout import Delivery, LayoutProblem, discover, folder_checksum, problem_files
from hsn.gate.manifest import load_manifest, record, save_manifest, write_deliveries_parquet
from hsn.gate.paths import accepted_file, quarantine_folder
from hsn.gate.quarantine import sample_rows, write_quarantine
from hsn.gate.reading import read_delivery
from hsn.gate.workers import AHEAD, Checked, Checker, worker_count
from hsn.settings import Settings

ACCEPTED = "accepted"
QUARANTINED = "quarantined"
UNCHANGED = "unchanged"
UNCHANGED_QUARANTINED = "unchanged_quarantined"
STATUSES = (ACCEPTED, QUARANTINED, UNCHANGED, UNCHANGED_QUARANTINED)


@dataclass
class DeliveryOutcome:
    extract: str  # for a layout problem: the folder it was found in
    period: str  # 'YYYY-MM', 'YYYY' (budget), or the folder name for a layout problem
    status: str
    rows: int | None
    checksum: str
    message: str
    report_path: Path | None = None
    previous_accepted_in_use: bool = False
    failures: list[RuleFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rules_failed(self) -> list[str]:
        return sorted({f.rule for f in self.failures})


@dataclass
class GateResult:
    outcomes: list[DeliveryOutcome]

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(o.status for o in self.outcomes)
        return {status: counter.get(status, 0) for status in STATUSES}

    @property
    def accepted(self) -> int:
        return self.counts[ACCEPTED]

    @property
    def quarantined(self) -> int:
        return self.counts[QUARANTINED]

    @property
    def ok(self) -> bool:
        """True when nothing in landing is (newly or still) quarantined."""
        return not any(o.status in (QUARANTINED, UNCHANGED_QUARANTINED) for o in self.outcomes)

    def summary(self) -> str:
        c = self.counts
        return (
            f"gate: {c[ACCEPTED]} accepted, {c[QUARANTINED]} quarantined, "
            f"{c[UNCHANGED]} unchanged, {c[UNCHANGED_QUARANTINED]} still quarantined"
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _period_bounds(period: str) -> tuple[date, date]:
    if len(period) == 4:
        year = int(period)
        return date(year, 1, 1), date(year, 12, 31)
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


class _Gate:
    def __init__(self, settings: Settings, progress: Callable[[str], None] | None) -> None:
        self.settings = settings
        self.progress = progress or (lambda _msg: None)
        self.manifest = load_manifest(settings.manifest_path)
        self.keys = AcceptedKeys(settings.accepted_dir)
        self._chart: list[str] | None = None

    # -- helpers ------------------------------------------------------------------------
    @property
    def chart(self) -> list[str]:
        if self._chart is None:
            self._chart = references.chart_accounts(self.settings.chart_of_accounts)
        return self._chart

    def _relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.settings.data_dir))
        except ValueError:
            return str(path)

    def _parameters(self, extract: Extract, period: str) -> tuple[dict[str, Any], str | None]:
        first, last = _period_bounds(period)
        params: dict[str, Any] = {
            "period_first_day": first,
            "period_last_day": last,
            "period_first_time": datetime.combine(first, datetime.min.time()),
            "period_last_time": datetime.combine(last, datetime.max.time()),
            "periods_of_year": [f"{period[:4]}-{m:02d}" for m in range(1, 13)],
            "chart_accounts": self.chart,
            "known_kostnadsstallen": [],
        }
        org_note = None
        if "known_kostnadsstallen" in str(suite_document(extract.name)):
            accepted = self.settings.accepted_dir
            if extract.yearly:
                units, where = references.organisation_units_for_year(accepted, period)
                if not units:
                    org_note = f"no accepted organisation to check against ({where})"
            else:
                found = references.organisation_units(accepted, period)
                units = found or []
                if found is None:
                    org_note = f"no accepted organisation for {period}"
            params["known_kostnadsstallen"] = units
        return params, org_note

    def _references(self, extract: Extract, period: str) -> str:
        """Fingerprint of the reference data a delivery is checked against.

        A quarantined delivery is checked again when this changes (e.g. the month's
        organisation was corrected, or the chart of accounts gained an account). Other periods
        of the same extract are left out: a new month would re-check every quarantined one.
        """
        parts: list[str] = []
        suite = str(suite_document(extract.name))
        if "chart_accounts" in suite:
            parts.append(hashlib.sha256(self.settings.chart_of_accounts.read_bytes()).hexdigest())
        deliveries = self.manifest["deliveries"]
        related: list[str] = []
        if "known_kostnadsstallen" in suite:
            related += [
                k
                for k in deliveries
                if k.startswith("organisation/") and (extract.yearly or k.endswith(period))
            ]
        for key in sorted(related):
            accepted = deliveries[key].get("accepted") or {}
            parts.append(f"{key}={accepted.get('checksum')}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    # -- one delivery: decided and recorded here, checked by a Checker ------------------
    def unchanged(self, delivery: Delivery, checksum: str) -> DeliveryOutcome | None:
        """The outcome of a delivery that needs no new check, else None."""
        entry = self.manifest["deliveries"].get(delivery.key)
        target = accepted_file(self.settings.accepted_dir, delivery.extract, delivery.period)
        if not entry or entry.get("checksum") != checksum:
            return None
        if entry.get("status") == ACCEPTED and target.exists():
            return DeliveryOutcome(
                delivery.extract,
                delivery.period,
                UNCHANGED,
                entry.get("rows"),
                checksum,
                "unchanged since it was accepted",
            )
        references_now = self._references(EXTRACTS[delivery.extract], delivery.period)
        same_references = entry.get("references") == references_now
        if entry.get("status") == QUARANTINED and same_references:
            report = entry.get("quarantine_report")
            return DeliveryOutcome(
                delivery.extract,
                delivery.period,
                UNCHANGED_QUARANTINED,
                entry.get("rows"),
                checksum,
                "unchanged since it was quarantined; see " + str(report),
                report_path=self.settings.data_dir / report if report else None,
                previous_accepted_in_use=bool(entry.get("accepted")) and target.exists(),
            )
        return None

    def submit(self, delivery: Delivery, checker: Checker) -> Callable[[], Checked]:
        """Start the delivery's checks (the reference data it needs must be accepted by now)."""
        extract = EXTRACTS[delivery.extract]
        params, org_note = self._parameters(extract, delivery.period)
        return checker.submit(
            delivery.key,
            delivery.files,
            delivery.extract,
            delivery.period,
            params,
            org_note,
            self.settings.pseudonym_key,
        )

    def finish(self, delivery: Delivery, checksum: str, checked: Checked) -> DeliveryOutcome:
        """Cross-month keys, then accept or quarantine; the manifest is saved either way."""
        started = time.perf_counter()
        extract = EXTRACTS[delivery.extract]
        entry = self.manifest["deliveries"].get(delivery.key)
        target = accepted_file(self.settings.accepted_dir, delivery.extract, delivery.period)
        references_used = self._references(extract, delivery.period)
        failures = list(checked.failures)
        note = None
        if checked.keys is not None:
            cross, positions = self.keys.conflicts(checked.keys, extract, delivery.period)
            if cross:
                # rare: read the delivery again for the sample rows rather than ship every
                # delivery's whole table from the checks
                table = read_delivery(delivery.files, extract).table
                assert table is not None, f"{delivery.key} was readable a moment ago"
                cross.sample_rows = sample_rows(table, positions, extract.name)
                failures.append(cross)
        else:
            note = "Värdekontroller kördes inte / value checks not run: the files could not be read"
            note += " or typed to the contract."
        files = [{"name": f.name, "bytes": f.stat().st_size} for f in delivery.files]
        previous = entry.get("accepted") if entry else None
        if previous and not target.exists():
            previous = None
        if failures:
            outcome = self._quarantine(
                delivery, checksum, checked.rows, files, failures, previous, note, references_used
            )
        else:
            assert checked.accepted is not None
            outcome = self._accept(delivery, checksum, checked.accepted, files, target)
        outcome.seconds = checked.seconds + time.perf_counter() - started
        return outcome

    def _accept(
        self,
        delivery: Delivery,
        checksum: str,
        out: Any,
        files: list[dict[str, Any]],
        target: Path,
    ) -> DeliveryOutcome:
        extract = EXTRACTS[delivery.extract]
        write_accepted(out, target)
        self.keys.replace(extract, delivery.period, out)
        total = control_total(out, extract)
        now = _now()
        version = {
            "checksum": checksum,
            "rows": out.num_rows,
            "belopp_summa": None if total is None else str(total),
            "accepted_at": now,
            "files": [f["name"] for f in files],
        }
        entry = {
            "extract": delivery.extract,
            "period": delivery.period,
            "checksum": checksum,
            "rows": out.num_rows,
            "status": ACCEPTED,
            "processed_at": now,
            "files": files,
            "accepted_file": self._relative(target),
            "accepted": version,
        }
        if total is not None:
            entry["belopp_summa"] = str(total)
        record(self.manifest, delivery.key, entry)
        save_manifest(self.settings.manifest_path, self.manifest)
        return DeliveryOutcome(
            delivery.extract,
            delivery.period,
            ACCEPTED,
            out.num_rows,
            checksum,
            f"accepted, {out.num_rows} rows"
            + (f", sum(belopp) {total}" if total is not None else ""),
        )

    def _quarantine(
        self,
        delivery: Delivery,
        checksum: str,
        rows: int,
        files: list[dict[str, Any]],
        failures: list[RuleFailure],
        previous: dict[str, Any] | None,
        note: str | None,
        references_used: str,
    ) -> DeliveryOutcome:
        now = _now()
        folder = quarantine_folder(
            self.settings.quarantine_dir, delivery.extract, delivery.period, checksum
        )
        report = {
            "delivery": str(delivery.folder.relative_to(self.settings.landing_dir)),
            "extract": delivery.extract,
            "period": delivery.period,
            "checksum": checksum,
            "files": files,
            "rows": rows,
            "checked_at": now,
            "status": QUARANTINED,
            "previous_accepted_in_use": previous is not None,
            "previous_accepted_checksum": previous["checksum"] if previous else None,
            "note": note,
        }
        report_path = write_quarantine(folder, list(delivery.files), report, failures)
        rules = sorted({f.rule for f in failures})
        entry = {
            "extract": delivery.extract,
            "period": delivery.period,
            "checksum": checksum,
            "rows": rows,
            "status": QUARANTINED,
            "processed_at": now,
            "files": files,
            "rules_failed": rules,
            "quarantine_report": self._relative(report_path),
            "references": references_used,
            "accepted": previous,
        }
        record(self.manifest, delivery.key, entry)
        save_manifest(self.settings.manifest_path, self.manifest)
        kept = (
            "; the previously accepted version stays in use"
            if previous
            else "; no accepted version of this period"
        )
        return DeliveryOutcome(
            delivery.extract,
            delivery.period,
            QUARANTINED,
            rows,
            checksum,
            f"quarantined: {', '.join(rules)}{kept}",
            report_path=report_path,
            previous_accepted_in_use=previous is not None,
            failures=failures,
        )

    # -- layout problems ----------------------------------------------------------------
    def layout(self, problem: LayoutProblem) -> DeliveryOutcome:
        files = problem_files(problem)
        base = problem.path.parent
        checksum = folder_checksum(files, base=base) if files else "0" * 64
        parent, _, name = problem.relpath.rpartition("/")
        extract, period = (parent, name) if parent else (name, "")
        entry = self.manifest["deliveries"].get(problem.key)
        if entry and entry.get("checksum") == checksum:
            report = entry.get("quarantine_report")
            return DeliveryOutcome(
                extract,
                period,
                UNCHANGED_QUARANTINED,
                None,
                checksum,
                f"still not a valid delivery: {problem.message}",
                report_path=self.settings.data_dir / report if report else None,
            )
        expected = "expected <extract>/period=YYYY-MM/*.parquet or budget/ar=YYYY/*.parquet"
        if not parent and problem.path.is_dir():
            expected += f", with <extract> one of {', '.join(EXTRACTS)}"
        failure = RuleFailure("layout", None, f"{problem.relpath}: {problem.message}; {expected}")
        now = _now()
        safe = problem.relpath.replace("/", "__")
        folder = self.settings.quarantine_dir / "_layout" / safe / checksum[:12]
        listed = [{"name": str(f.relative_to(base)), "bytes": f.stat().st_size} for f in files]
        report = {
            "delivery": problem.relpath,
            "extract": None,
            "period": None,
            "checksum": checksum,
            "files": listed,
            "rows": None,
            "checked_at": now,
            "status": QUARANTINED,
            "previous_accepted_in_use": False,
            "note": "Not read: the files are not where the landing contract allows.",
        }
        report_path = write_quarantine(folder, files, report, [failure], copy_files=False)
        record(
            self.manifest,
            problem.key,
            {
                "extract": None,
                "path": problem.relpath,
                "checksum": checksum,
                "status": QUARANTINED,
                "processed_at": now,
                "rules_failed": ["layout"],
                "quarantine_report": self._relative(report_path),
                "accepted": None,
            },
        )
        save_manifest(self.settings.manifest_path, self.manifest)
        return DeliveryOutcome(
            extract,
            period,
            QUARANTINED,
            None,
            checksum,
            f"layout: {problem.message}",
            report_path=report_path,
            failures=[failure],
        )


def run_gate(settings: Settings, *, progress: Callable[[str], None] | None = None) -> GateResult:
    """Check every delivery in settings.landing_dir; accept, quarantine or skip each one.

    Bad data never raises: it is quarantined with a report, and the other deliveries go on.
    Only programming and I/O errors raise (MissingFolder for a missing landing folder), and
    UnsafeLanding when the demo pseudonym key would be used on a landing folder not generated
    by `hsn demo`.
    """
    landing = settings.landing_dir
    if not landing.is_dir():
        raise MissingFolder(
            f"landing folder {landing} does not exist; set HSN_LANDING_DIR to the folder "
            "the source systems deliver to"
        )
    # before anything is read or written: the public demo key only on generated demo data
    check_pseudonym_key(settings.pseudonym_key, landing)
    gate = _Gate(settings, progress)
    say = gate.progress
    deliveries, problems = discover(landing)
    say(f"gate: {len(deliveries)} deliveries in {landing}")
    outcomes: list[DeliveryOutcome] = []
    for problem in problems:
        outcome = gate.layout(problem)
        outcomes.append(outcome)
        say(f"  {problem.relpath}: {outcome.status} ({outcome.message})")
    checksum_cache = ChecksumCache(settings.data_dir / "landing_checksums.json")
    checksums = {d.key: checksum_cache.checksum(d) for d in deliveries}
    checksum_cache.save()
    # an estimate, only to choose the worker count: _in_order asks again after the
    # organisation is accepted, which can make a quarantined month due for a new check
    due = [d for d in deliveries if gate.unchanged(d, checksums[d.key]) is None]
    due_bytes = sum(path.stat().st_size for d in due for path in d.files)
    checker = Checker(worker_count(len(due), due_bytes))
    # the suites check kostnadsställen against the accepted organisation: it goes first
    # (it is first in the contract's order too, so the outcomes keep the discover() order)
    first = [d for d in deliveries if d.extract == "organisation"]
    rest = [d for d in deliveries if d.extract != "organisation"]
    try:
        for part in (first, rest):
            for delivery, outcome in _in_order(gate, part, checksums, checker):
                outcomes.append(outcome)
                rows = "" if outcome.rows is None else f", {outcome.rows} rows"
                timing = f", {outcome.seconds:.2f} s" if outcome.seconds else ""
                say(f"  {delivery.key}: {outcome.status}{rows}{timing} {_detail(outcome)}")
    finally:
        checker.close()
    gate.keys.close()
    write_schema_placeholders(settings.accepted_dir, EXTRACTS)
    write_deliveries_parquet(gate.manifest, settings.accepted_dir)
    result = GateResult(outcomes)
    say(result.summary())
    return result


def _in_order(
    gate: _Gate, deliveries: list[Delivery], checksums: dict[str, str], checker: Checker
) -> Iterator[tuple[Delivery, DeliveryOutcome]]:
    """Each delivery's outcome, in the list's order; with workers, checks run AHEAD of it."""
    ahead = AHEAD if checker.parallel else 1
    window: deque[tuple[Delivery, DeliveryOutcome | Callable[[], Checked]]] = deque()
    todo = iter(deliveries)
    running = 0
    while True:
        while running < ahead and (delivery := next(todo, None)) is not None:
            skipped = gate.unchanged(delivery, checksums[delivery.key])
            if skipped is None:
                window.append((delivery, gate.submit(delivery, checker)))
                running += 1
            else:
                window.append((delivery, skipped))
        if not window:
            return
        delivery, pending = window.popleft()
        if isinstance(pending, DeliveryOutcome):
            yield delivery, pending
        else:
            running -= 1
            yield delivery, gate.finish(delivery, checksums[delivery.key], pending())


def _detail(outcome: DeliveryOutcome) -> str:
    if outcome.status == QUARANTINED:
        return f"- {outcome.message} (report: {outcome.report_path})"
    return ""
