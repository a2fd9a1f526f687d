"""Start or stop a private PostgreSQL cluster for the postgres target.

Usage: python -m segments_tooling.engines.postgres_cluster start|stop|status [--dir DIR] [--port N]

The cluster lives in DIR (default data/postgres/cluster), listens on localhost:PORT (default $SEGMENTS_PG_PORT,
else 55432) and its socket directory, trusts local connections and has the superuser and database named by
$SEGMENTS_PG_USER and $SEGMENTS_PG_DATABASE (default segments). `start` is idempotent: it creates the cluster
when DIR is empty, starts it when it is not running and creates the database when it is missing. initdb refuses
to run as root, so as root every server command runs as the system user postgres, which then owns DIR.
Binaries: $SEGMENTS_PG_BIN, else /usr/lib/postgresql/15/bin.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_BIN = "/usr/lib/postgresql/15/bin"
DEFAULT_PORT = 55432


def _as_server_user(command: list[str]) -> list[str]:
    """The command as the system user postgres when we are root (initdb and postgres refuse root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=check, capture_output=True, text=True)


def _ensure_owned(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, user="postgres", group="postgres")
        directory.chmod(0o700)
        # postgres must reach the directory: its parents inside the project become searchable by others.
        project = Path.cwd().resolve()
        for parent in directory.resolve().parents:
            if parent != project and project not in parent.parents:
                continue
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)


def is_running(bin_dir: Path, data_dir: Path) -> bool:
    if not (data_dir / "PG_VERSION").exists():
        return False
    status = _run(
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "status"]), check=False
    )
    return status.returncode == 0


def start(bin_dir: Path, data_dir: Path, port: int, user: str, database: str) -> None:
    data_dir = data_dir.resolve()
    if not (data_dir / "PG_VERSION").exists():
        _ensure_owned(data_dir)
        _run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data_dir),
                    "-A",
                    "trust",
                    "-U",
                    user,
                    "-E",
                    "UTF8",
                ]
            )
        )
        print(f"postgres cluster: created in {data_dir}")
    if not is_running(bin_dir, data_dir):
        options = (
            f"-p {port} -k {data_dir} -c listen_addresses=localhost -c timezone=UTC -c fsync=off"
        )
        log = data_dir / "server.log"
        _run(
            _as_server_user(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data_dir),
                    "-o",
                    options,
                    "-l",
                    str(log),
                    "-w",
                    "start",
                ]
            )
        )
        print(f"postgres cluster: started on localhost:{port} (log {log})")
    else:
        print(f"postgres cluster: running in {data_dir}")
    psql = [
        str(bin_dir / "psql"),
        "-h",
        "localhost",
        "-p",
        str(port),
        "-U",
        user,
        "-d",
        "postgres",
        "-Atc",
    ]
    for _ in range(30):
        probe = _run([*psql, "select 1"], check=False)
        if probe.returncode == 0:
            break
        time.sleep(0.5)
    else:
        sys.exit(f"postgres cluster: not answering on localhost:{port}: {probe.stderr.strip()}")
    exists = _run([*psql, f"select 1 from pg_database where datname = '{database}'"]).stdout.strip()
    if not exists:
        _run([*psql, f'create database "{database}"'])
        print(f"postgres cluster: database {database} created")


def stop(bin_dir: Path, data_dir: Path) -> None:
    data_dir = data_dir.resolve()
    if is_running(bin_dir, data_dir):
        _run(
            _as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"]
            )
        )
        print(f"postgres cluster: stopped ({data_dir})")
    else:
        print(f"postgres cluster: not running ({data_dir})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--dir", default="data/postgres/cluster", type=Path)
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SEGMENTS_PG_PORT", DEFAULT_PORT))
    )
    parser.add_argument(
        "--bin", type=Path, default=Path(os.environ.get("SEGMENTS_PG_BIN", DEFAULT_BIN))
    )
    args = parser.parse_args(argv)
    user = os.environ.get("SEGMENTS_PG_USER", "segments")
    database = os.environ.get("SEGMENTS_PG_DATABASE", "segments")
    if args.action == "start":
        start(args.bin, args.dir, args.port, user, database)
    elif args.action == "stop":
        stop(args.bin, args.dir)
    else:
        running = is_running(args.bin, args.dir.resolve())
        print(f"postgres cluster: {'running' if running else 'not running'} ({args.dir.resolve()})")
        return 0 if running else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
