"""`make audit`: Lighthouse (the npm package, pinned in package.json) on the site under production settings on
gunicorn (loopback), with the bundled content, in Kazakh: the home page, a list, a detail page, the timeline,
the structure and a search. Prints each page's four scores and exits non-zero when one is under its target.

    python -m osce_kb.audit [--database-url URL]

Lighthouse runs Debian's Chromium, headless, with its default mobile profile (a mid-range phone on a slow 4G
connection, simulated); its reports are written to var/lighthouse/.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys

from osce_kb.loadtest import ROOT, free_port, prepare, start_gunicorn, stop

PAGES = {
    "home": "/kk/",
    "list": "/kk/organs/",
    "detail": "/kk/organs/secretariat/",
    "timeline": "/kk/timeline/",
    "structure": "/kk/structure/",
    "search": "/kk/search/?q=%D2%9B%D0%B0%D0%B7%D0%B0%D2%9B%D1%81%D1%82%D0%B0%D0%BD",
}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "var" / "lighthouse"


def chromium():
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("Chromium is not installed: apt-get install -y chromium (make chromium does it).")
    return path


def lighthouse(url, report):
    """The four category scores (0–100) of `url`, the JSON report written to `report`."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={chromium()}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
        f"--only-categories={','.join(TARGETS)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    subprocess.run(command, cwd=ROOT, check=True, timeout=300)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in TARGETS}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'audit.sqlite3'}",
        help="The database to serve (default: DATABASE_URL, else var/audit.sqlite3).",
    )
    options = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run npm ci (make audit does it).")
    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        # Lighthouse reads the site as one reader would, each page drawn afresh; the table is all it prints.
        "PAGE_CACHE": "0",
        "LOG_LEVEL": "WARNING",
    }
    prepare(env)
    REPORTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_gunicorn(env, port)
    failures = []
    try:
        print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  address")
        for name, path in PAGES.items():
            scores = lighthouse(f"http://127.0.0.1:{port}{path}", REPORTS / f"{name}.json")
            row = " ".join(f"{scores[category]:>5}" for category in TARGETS)
            print(f"{name:<10} {row}  {path}", flush=True)
            failures += [
                f"{name}: {category} {scores[category]} < {TARGETS[category]}"
                for category in TARGETS
                if scores[category] < TARGETS[category]
            ]
    finally:
        stop(server)
    print("\n".join(failures) if failures else f"Every page meets its targets {TARGETS}.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
