"""The benchmark harness. `make bench` runs it on PostgreSQL, the volume data and the production settings.

    python -m benchmarks.run [--repeat 20] [--skip-load] [--out benchmarks/results]

Measures in-process with Django's test client (latency, SQL queries, HTML size) every page the apps
register (benchmarks/registry.py) as the HR manager, a department head, the records keeper, the
confidentiality officer and an ordinary employee; the render time of
each PDF; the reminder sweep; an xlsx import of 10,000 employees (dry run, then commit, rolled back
afterwards so the run can be repeated); and 50 concurrent users for 2 minutes (locust against
gunicorn on 127.0.0.1). Writes JSON and a Markdown table under benchmarks/results/.
"""

import argparse
import csv
import datetime
import importlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, round(pct / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


class RolledBack(Exception):
    """Raised to undo what a measured operation wrote."""


# --- in-process pages --------------------------------------------------------------------------


def _client(user):
    from django.conf import settings
    from django.test import Client

    hosts = [h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")]
    client = Client(HTTP_HOST=hosts[0] if hosts else "127.0.0.1")
    client.force_login(user)
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def measure_page(client, page, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.registry import BUDGETS, pdf_budget

    response = client.get(page.url, secure=True)  # warm-up: templates, caches, connection
    body = _body(response)
    result = {"label": page.label, "url": page.url, "kind": page.kind, "status": response.status_code}
    if response.status_code != 200:
        return result | {"error": f"HTTP {response.status_code}"}
    timings, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            body = _body(client.get(page.url, secure=True))
            timings.append((time.perf_counter() - started) * 1000)
        queries = max(queries, len(captured.captured_queries))
    max_queries, max_p95 = BUDGETS[page.kind]
    if page.kind == "pdf":
        result["pages"] = _pdf_pages(body)
        max_p95 = pdf_budget(result["pages"])
    p95 = percentile(timings, 95)
    result |= {
        "p50_ms": round(percentile(timings, 50), 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
        "bytes": len(body),
        "within_budget": p95 <= max_p95 and (max_queries is None or queries <= max_queries),
        # A page under 200 bytes is a placeholder; a picker's JSON answer may be that short.
        "stub": page.kind != "pdf" and len(body) < 200 and not response["Content-Type"].startswith("application/json"),
    }
    return result


def _pdf_pages(body: bytes) -> int:
    """The PDF's page count (1 for a file of the "pdf" kind that is not a PDF, such as an xlsx export)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not body.startswith(b"%PDF"):
        return 1
    try:
        return len(PdfReader(io.BytesIO(body)).pages)
    except PyPdfError:
        return 1


def measure_pages(users: dict, repeat: int, pdf_repeat: int) -> list[dict]:
    from benchmarks.registry import pages_for

    results = []
    for role, user in users.items():
        client = _client(user)
        for page in pages_for(user):
            print(f"  {role:<12} {page.label}", flush=True)
            result = measure_page(client, page, pdf_repeat if page.kind == "pdf" else repeat)
            results.append({"user": role, **result})
    return results


# --- reminder sweep and import -----------------------------------------------------------------


def measure_sweep() -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    try:
        sweep = importlib.import_module("notifications.tasks").run_reminder_sweeps
    except (ImportError, AttributeError):
        return {"available": False, "note": "notifications.tasks.run_reminder_sweeps does not exist yet"}
    result = {"available": True}
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                outcome = sweep()
                result["seconds"] = round(time.perf_counter() - started, 3)
            result["queries"] = len(captured.captured_queries)
            result["outcome"] = outcome if isinstance(outcome, int | str | dict | list) else repr(outcome)
            raise RolledBack
    except RolledBack:
        pass
    result["within_budget"] = result["seconds"] <= 2.0
    return result


def _employee_resource(user):
    for dotted in ("employees.resources", "employees.admin"):
        try:
            module = importlib.import_module(dotted)
        except ImportError:
            continue
        resource_class = getattr(module, "EmployeeResource", None)
        if resource_class is not None:
            try:
                return resource_class(user=user)
            except TypeError:
                return resource_class()
    return None


def measure_import(user, rows: int = 10000) -> dict:
    """Export `rows` employees with the app's own resource, turn them into new people, import the xlsx."""
    import tablib
    from django.db import transaction

    from core.validators import build_id_number
    from employees.models import Employee

    resource = _employee_resource(user)
    if resource is None:
        return {"available": False, "note": "employees has no EmployeeResource yet"}
    source = Employee.objects.order_by("pk")[:rows]
    exported = resource.export(queryset=source)
    columns = {f.attribute: f.column_name for f in resource.get_export_fields() if f.attribute}
    headers = list(exported.headers)
    births = list(source.values_list("birth_date", flat=True))
    taken = set(Employee.objects.values_list("id_number", flat=True))
    data = []
    for index, row in enumerate(exported):
        row = list(row)
        if "number" in columns and columns["number"] in headers:
            row[headers.index(columns["number"])] = f"IMP{index + 1:06d}"
        if "id_number" in columns and columns["id_number"] in headers:
            sequence = index
            while (id_number := build_id_number("110101", births[index], sequence)) in taken:
                sequence += 1
            taken.add(id_number)
            row[headers.index(columns["id_number"])] = id_number
        data.append(row)
    dataset = tablib.Dataset(*data, headers=headers)
    xlsx = dataset.export("xlsx")
    result = {"available": True, "rows": len(data), "xlsx_bytes": len(xlsx)}
    loaded = tablib.Dataset().load(xlsx, format="xlsx")
    started = time.perf_counter()
    dry = resource.import_data(loaded, dry_run=True, raise_errors=False)
    result["dry_run_seconds"] = round(time.perf_counter() - started, 2)
    problems = [f"row {number}: {error.error}" for number, errors in dry.row_errors() for error in errors]
    problems += [f"row {row.number}: {row.error_dict}" for row in dry.invalid_rows]
    result["dry_run_errors"] = len(problems)
    result["dry_run_error_sample"] = problems[:5]
    try:
        with transaction.atomic():
            started = time.perf_counter()
            done = resource.import_data(loaded, dry_run=False, raise_errors=False, use_transactions=False)
            result["commit_seconds"] = round(time.perf_counter() - started, 2)
            result["created"] = done.totals.get("new", 0)
            result["updated"] = done.totals.get("update", 0)
            raise RolledBack
    except RolledBack:
        pass
    result["within_budget"] = result["commit_seconds"] <= 15 and result["dry_run_seconds"] <= 15
    return result


# --- load test ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def measure_load(pages: list[dict], users: dict, *, clients: int, duration: str) -> dict:
    from django.conf import settings

    browse = {}
    for role, user in users.items():
        browse[user.username] = [
            [p["label"], p["url"]] for p in pages if p["user"] == role and p.get("status") == 200 and p["kind"] != "pdf"
        ]
    work = Path(tempfile.mkdtemp(prefix="hrms-bench-"))
    spec = work / "pages.json"
    spec.write_text(json.dumps({"password": settings.HRMS_DEMO_PASSWORD, "users": browse}, ensure_ascii=False))
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    workers = str(int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)))
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(bin_dir / "gunicorn"),
            "hrms.wsgi",
            "--workers",
            workers,
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        _wait_for(port)
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            [
                str(bin_dir / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--users",
                str(clients),
                "--spawn-rate",
                str(max(1, clients // 10)),
                "--run-time",
                duration,
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "load"),
                "--only-summary",
                "--reset-stats",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_PAGES": str(spec), "BENCH_TIMES": str(work / "times.json")},
            check=False,
        )
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
    with open(work / "load_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    times = json.loads((work / "times.json").read_text()) if (work / "times.json").exists() else {}
    browse_times, login_times = times.get("browse", []), times.get("login", [])
    failures_file = work / "load_failures.csv"
    failures = []
    if failures_file.exists():
        with open(failures_file, newline="") as handle:
            failures = [f"{r['Occurrences']}× {r['Method']} {r['Name']}: {r['Error']}" for r in csv.DictReader(handle)]
    failures += times.get("login_failures", [])
    shutil.rmtree(work, ignore_errors=True)
    requests = int(total["Request Count"])
    # Failures of the steady state (locust's statistics) and of the logins before it.
    errors = int(total["Failure Count"]) + len(times.get("login_failures", []))
    # The budget is for browsing once everyone is in: each user's one login at ramp-up (a deliberately slow
    # password hash) is reported apart.
    p95 = percentile(browse_times, 95) if browse_times else float(total["95%"])
    return {
        "users": clients,
        "duration": duration,
        "gunicorn_workers": int(workers),
        "seconds": round(elapsed, 1),
        "requests": requests,
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "errors": errors,
        "p50_ms": percentile(browse_times, 50) if browse_times else float(total["50%"]),
        "p95_ms": p95,
        "login_p95_ms": percentile(login_times, 95) if login_times else None,
        "failures": failures[:10],
        "within_budget": errors == 0 and p95 <= 300,
    }


# --- report ------------------------------------------------------------------------------------


def _login_note(load: dict) -> str:
    login = load.get("login_p95_ms")
    return f" (the {load['users']} logins apart: p95 {login:.0f} ms)" if login is not None else ""


def machine() -> dict:
    from django.db import connection

    cpu = platform.processor() or ""
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    try:
        memory_kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        memory_kb = 0
    with connection.cursor() as cursor:
        cursor.execute("select version()" if connection.vendor == "postgresql" else "select sqlite_version()")
        database = cursor.fetchone()[0].split(" on ")[0]
    try:
        commit = subprocess.run(  # noqa: S603
            [shutil.which("git") or "/usr/bin/git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1048576, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "settings": os.environ.get("DJANGO_SETTINGS_MODULE", ""),
        "commit": commit,
    }


def data_volume() -> dict:
    from django.apps import apps

    labels = (
        "employees.Employee",
        "employees.LabourContract",
        "employees.SalaryChange",
        "employees.JobChange",
        "org.Department",
        "org.Position",
        "org.JobDescription",
    )
    found = {}
    for label in labels:
        found[label] = apps.get_model(label).objects.count()
    for optional in (
        "recruitment.Requisition",
        "recruitment.Application",
        "onboarding.OnboardingCase",
        "approvals.Request",
        "approvals.RequestStep",
        "notifications.Notification",
    ):
        try:
            found[optional] = apps.get_model(optional).objects.count()
        except LookupError:
            pass
    return found


def volume_seed() -> dict | None:
    """How long seed_volume took to build the data measured here (≤ 5 minutes on PostgreSQL)."""
    from core.seeding import last_volume_run

    run = last_volume_run()
    if run is not None:
        run["within_budget"] = run["seconds"] <= 300
    return run


def _mark(ok) -> str:
    return "—" if ok is None else ("✅" if ok else "❌")


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Benchmark of {report['started'][:16].replace('T', ' ')} — commit `{m['commit']}`, {m['settings']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM; {m['os']}; Python {m['python']}, "
        f"Django {m['django']}, {m['database']}.",
        "Data: " + ", ".join(f"{n:,} {label.split('.')[1]}" for label, n in report["data"].items()) + ".",
        "",
        "Budgets: list and form ≤ 12 queries and p95 ≤ 100 ms; detail ≤ 20 queries and p95 ≤ 150 ms; PDF p95 ≤ 400 ms "
        "for two pages, plus 100 ms for every further page (a department's register).",
        "",
        "| user | page | kind | p50 ms | p95 ms | queries | size KB | budget |",
        "|---|---|---|---:|---:|---:|---:|:-:|",
    ]
    for row in report["pages"]:
        if "error" in row:
            lines.append(f"| {row['user']} | {row['label']} | {row['kind']} | | | | | ❌ {row['error']} |")
            continue
        note = " (stub)" if row.get("stub") else ""
        if row.get("pages", 0) > 2:
            note += f" ({row['pages']} pages)"
        lines.append(
            f"| {row['user']} | {row['label']}{note} | {row['kind']} | {row['p50_ms']} | {row['p95_ms']} | "
            f"{row['queries']} | {row['bytes'] / 1024:.1f} | {_mark(row['within_budget'])} |"
        )
    sweep, imp, load, seed = report["sweep"], report["import"], report.get("load"), report.get("volume_seed")
    lines += ["", "| measurement | result | budget |", "|---|---|:-:|"]
    if seed:
        rows = sum(seed.get("rows", {}).values())
        lines.append(
            f"| seed_volume --employees {seed['employees']:,} --years {seed['years']} (seed {seed['seed']}) | "
            f"{seed['seconds']} s, {rows:,} rows | {_mark(seed['within_budget'])} |"
        )
    if sweep.get("available"):
        lines.append(
            f"| reminder sweep over the whole volume | {sweep['seconds']} s, {sweep['queries']} queries "
            f"| {_mark(sweep['within_budget'])} |"
        )
    else:
        lines.append(f"| reminder sweep | not measured: {sweep['note']} | — |")
    if imp.get("available"):
        lines.append(
            f"| xlsx import of {imp['rows']:,} employees | dry run {imp['dry_run_seconds']} s "
            f"({imp['dry_run_errors']} errors), commit {imp['commit_seconds']} s ({imp['created']:,} new) "
            f"| {_mark(imp['within_budget'])} |"
        )
    else:
        lines.append(f"| xlsx import | not measured: {imp['note']} | — |")
    if load:
        lines.append(
            f"| {load['users']} users for {load['duration']} (gunicorn, {load['gunicorn_workers']} workers) | "
            f"{load['requests']:,} requests, {load['requests_per_second']}/s, {load['errors']} errors, "
            f"pages p50 {load['p50_ms']:.0f} ms, p95 {load['p95_ms']:.0f} ms"
            f"{_login_note(load)} | {_mark(load['within_budget'])} |"
        )
    else:
        lines.append("| concurrent users | not measured (--skip-load) | — |")
    return "\n".join(lines) + "\n"


def write_report(report: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stamp = report["started"][:19].replace(":", "").replace("-", "")
    text = markdown(report)
    for name in (f"bench-{stamp}", "latest"):
        (out / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        (out / f"{name}.md").write_text(text)
    readme = ROOT / "README.md"
    if readme.exists():
        content = readme.read_text()
        if README_START in content and README_END in content:
            head, rest = content.split(README_START, 1)
            _old, tail = rest.split(README_END, 1)
            readme.write_text(f"{head}{README_START}\n{text}{README_END}{tail}")
    return out / "latest.md"


EXTRA_ROLES = ("records_keeper", "security_officer", "employee")


def pick_users(hr_username: str, head_username: str) -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from core import roles
    from org.models import Department

    User = get_user_model()
    users = {"hr_manager": User.objects.get(username=hr_username)}
    head = User.objects.filter(username=head_username).first()
    if head is None:
        biggest = (
            Department.objects.filter(head__user__isnull=False, head__user__groups__name=roles.DEPT_HEAD)
            .annotate(people=Count("employees"))
            .order_by("-people")
            .select_related("head__user")
            .first()
        )
        head = biggest.head.user if biggest else None
    if head is not None:
        users["dept_head"] = head
    # The roles whose pages nobody above opens: the registry (档案管理员), the confidentiality officer's oversight
    # (保密员), and an ordinary employee's self-service pages. Demo logins: seed_demo runs before seed_volume.
    for role in EXTRA_ROLES:
        user = User.objects.filter(username=role, is_active=True).first()
        if user is not None:
            users[role] = user
    return users


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--pdf-repeat", type=int, default=5, help="renders per PDF")
    parser.add_argument("--hr-user", default="hr_manager")
    parser.add_argument("--head-user", default="prod_head")
    parser.add_argument("--load-users", type=int, default=50)
    parser.add_argument("--load-time", default="2m")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrms.settings.production")
    django.setup()
    report = {"started": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}
    report["machine"] = machine()
    report["data"] = data_volume()
    report["volume_seed"] = volume_seed()
    users = pick_users(args.hr_user, args.head_user)
    print(f"Pages as {', '.join(f'{k}={u.username}' for k, u in users.items())}", flush=True)
    report["users"] = {role: user.username for role, user in users.items()}
    report["pages"] = measure_pages(users, args.repeat, args.pdf_repeat)
    print("Reminder sweep", flush=True)
    report["sweep"] = measure_sweep()
    print("Import", flush=True)
    report["import"] = (
        {"available": False, "note": "skipped"} if args.skip_import else measure_import(users["hr_manager"])
    )
    if not args.skip_load:
        print(f"Load: {args.load_users} users for {args.load_time}", flush=True)
        report["load"] = measure_load(report["pages"], users, clients=args.load_users, duration=args.load_time)
    latest = write_report(report, args.out)
    print(latest.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
