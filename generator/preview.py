"""`portal serve`: the live preview, built incrementally, reloading only the pages that changed.

Two processes. The builder is forked first, while this process has one thread, and builds the
site into `.portal-cache/preview/site` exactly as `portal build` does (the dependency record
keeps every output whose inputs did not change, record.py); it keeps its imports, compiled
templates and caches between builds and may fork its own workers (parallel.py), which a
threaded server may not. Where there is no fork (Windows), or `PORTAL_START_METHOD=spawn`
asks for it, the builder is spawned instead: a fresh interpreter that imports portal once and
then builds the same way. This process then watches `content/`, the theme and mkdocs.yml and
serves the folder. A saved file starts a build; while it runs, and when content has errors,
the last good site stays served. Each page loads `/.portal/reload.js`, which waits for the
next build (a long poll) and reloads the page only when its own file, or a stylesheet or
script, changed; content errors are shown over the page, as text, until they are fixed.
When there is no good site yet (the first build failed), every address answers with a page
that lists the errors, which reloads itself once they are fixed.

The pages are the site's own bytes; the script tag is added as they are sent, so the
Content-Security-Policy stays (the script is a file of this origin).
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from markupsafe import Markup

from generator import problem_page
from generator.cache import CACHE_DIR
from generator.messages import msg

PREFIX = "/.portal/"
WAIT_SECONDS = 25.0  # a long poll answers at least this often, so proxies keep it open
DEBOUNCE_SECONDS = 0.05  # editors write a file in several steps; build once they are done
# Changed files that reload every open page: what pages load besides themselves.
PAGE_ASSETS = (".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".woff2")


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    changed: tuple[str, ...]  # site paths written or deleted
    # Problems as `portal build` prints them: errors and warnings, or a good build's warnings.
    messages: tuple[str, ...]
    seconds: float


# One build into the site folder, in the builder process: what `portal build` does, its result
# instead of its exit (the command's own, cli/site.py; given by the caller, so the preview
# depends on no command). A module-level function: a spawned builder receives it pickled.
BuildOnce = Callable[[Path, Path], BuildResult]
# The command's logging (MkDocs' log on stderr), for a spawned builder to set up again.
SetupLogging = Callable[[bool], None]


def preview_site(root: Path) -> Path:
    return root / CACHE_DIR / "preview" / "site"


# -- the builder process ------------------------------------------------------------------


def builder_start_method() -> str:
    """`fork` where there is one (a warm child at once), else `spawn` (Windows);
    `PORTAL_START_METHOD=spawn` chooses spawn by hand, as the tests do."""
    chosen = os.environ.get("PORTAL_START_METHOD", "").strip().lower()
    if chosen != "spawn" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class Builder:
    """The builder process: `build()` runs one incremental build there and waits for it."""

    def __init__(
        self,
        build_once: BuildOnce,
        setup_logging: SetupLogging,
        config_file: Path,
        site: Path,
        verbose: bool = False,
    ) -> None:
        self.method = builder_start_method()
        context: Any = multiprocessing.get_context(self.method)
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_builder_loop,
            args=(child, build_once, setup_logging, config_file, site, verbose),
            name="portal-builder",
        )
        # Not a daemon: it forks workers of its own (parallel.py). It ends when the pipe
        # closes, with this process.
        self._process.start()
        child.close()
        self._lock = threading.Lock()

    def build(self) -> BuildResult:
        with self._lock:
            self._conn.send("build")
            result: BuildResult = self._conn.recv()
            return result

    def close(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self._conn.send("stop")
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()


def _builder_loop(
    conn: Connection,
    build_once: BuildOnce,
    setup_logging: SetupLogging,
    config_file: Path,
    site: Path,
    verbose: bool,
) -> None:
    # Ctrl-C goes to the whole process group: the server stops the builder itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not logging.getLogger("mkdocs").handlers:
        # Spawned, not forked: this interpreter has not set up the command's logging.
        setup_logging(verbose)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message != "build":
            return
        try:
            result = build_once(config_file, site)
        except Exception as exc:  # a bug in portal: the preview goes on with the last site
            traceback.print_exc()
            note = "portal: " + msg("serve.internal_error", detail=f"{type(exc).__name__}: {exc}")
            result = BuildResult(False, (), (note,), 0.0)
        conn.send(result)


# -- the server ---------------------------------------------------------------------------


@dataclass
class State:
    """The builds so far: what each changed, and the errors of the last one."""

    version: int = 0
    changed: dict[int, frozenset[str]] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    ready: threading.Condition = field(default_factory=threading.Condition)

    def record(self, result: BuildResult) -> None:
        with self.ready:
            self.version += 1
            self.changed[self.version] = frozenset(result.changed)
            self.changed.pop(self.version - 200, None)  # pages open longer reload anyway
            self.errors = () if result.ok else result.messages
            self.ready.notify_all()

    def wait(self, since: int, page: str, timeout: float) -> dict[str, Any]:
        """Block until a build after `since`; whether `page` (a site path) must reload."""
        with self.ready:
            self.ready.wait_for(lambda: self.version > since, timeout=timeout)
            versions = range(since + 1, self.version + 1)
            if any(v not in self.changed for v in versions):
                reload = True  # too old to tell: reload
            else:
                changed = set().union(*(self.changed[v] for v in versions))
                reload = page in changed or any(p.endswith(PAGE_ASSETS) for p in changed)
            return {"version": self.version, "reload": reload, "errors": list(self.errors)}


def page_file(url_path: str) -> str:
    """The site file a URL path is served from: /news/x/ → news/x/index.html."""
    path = unquote(url_path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path


class _Handler(SimpleHTTPRequestHandler):
    state: State
    script: bytes

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a preview's requests are not news

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.startswith(PREFIX):
            self._portal(parts.path[len(PREFIX) :], parse_qs(parts.query))
            return
        if self.state.errors and not Path(self.directory, "index.html").is_file():
            # No good site yet: every address is the list of what to fix.
            self._send(error_page(self.state.errors, self._script_tag(parts.path, True)))
            return
        target = Path(self.translate_path(parts.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and not parts.path.endswith(".html/"):
            self._html(target, parts.path)
            return
        super().do_GET()

    def _script_tag(self, url_path: str, error_page: bool = False) -> bytes:
        tag = Markup(
            '<script src="{src}" data-version="{version}" data-page="{page}" '
            'data-title="{title}"{error} defer></script>'
        ).format(
            src=f"{PREFIX}reload.js",
            version=self.state.version,
            page=page_file(url_path),
            title=msg("preview.over_site"),
            error=Markup(" data-error-page") if error_page else "",
        )
        return str(tag).encode()

    def _send(self, data: bytes) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _html(self, target: Path, url_path: str) -> None:
        if not url_path.endswith(("/", ".html")):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", url_path + "/")
            self.end_headers()
            return
        data = target.read_bytes()
        tag = self._script_tag(url_path)
        at = data.rfind(b"</body>")
        self._send(data[:at] + tag + data[at:] if at >= 0 else data + tag)

    def _portal(self, name: str, query: dict[str, list[str]]) -> None:
        if name == "reload.js":
            body, kind = self.script, "text/javascript; charset=utf-8"
        elif name == "wait":
            since = int((query.get("v") or ["0"])[0] or 0)
            page = (query.get("page") or [""])[0]
            answer = self.state.wait(since, page, 0 if query.get("now") else WAIT_SECONDS)
            if query.get("now"):
                answer["reload"] = False  # the page asks what to show, not whether to reload
            body, kind = json.dumps(answer, ensure_ascii=False).encode(), "application/json"
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A tab closed during its long poll is not news; anything else is a bug in portal.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Watcher:
    """Rebuilds after changes under the watched paths, one build at a time, the last change
    always built (changes during a build start the next one)."""

    def __init__(self, builder: Builder, state: State, paths: list[Path], on_build: Any) -> None:
        self.builder = builder
        self.state = state
        self.paths = paths
        self.on_build = on_build
        self.pending = threading.Event()
        self.stopped = threading.Event()
        self._observer: Any = None

    def observe(self) -> None:
        """Start watching. Called before the first build: a file saved while it runs (a
        5,000-article build takes minutes) is built next, never lost, and watchdog has set its
        watches on a large tree (which it does in the background) before the preview's address
        is announced."""
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        pending = self.pending

        class Handler(FileSystemEventHandler):
            def __init__(self, only: Path | None = None) -> None:
                self.only = only  # a file watched through its folder: that file's events only

            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                if self.only is not None:
                    touched = {str(event.src_path), str(getattr(event, "dest_path", "") or "")}
                    if str(self.only) not in touched:
                        return
                pending.set()

        self._observer = Observer()
        for path in self.paths:
            if path.is_dir():
                self._observer.schedule(Handler(), str(path), recursive=True)
            elif path.parent.is_dir():
                only = path.absolute()
                self._observer.schedule(Handler(only), str(only.parent), recursive=False)
        self._observer.start()

    def run(self) -> None:
        """Build after every change from now on (at once if one came during the first build)."""
        threading.Thread(target=self._loop, name="portal-rebuild", daemon=True).start()

    def _loop(self) -> None:
        while not self.stopped.is_set():
            if not self.pending.wait(timeout=0.5):
                continue
            time.sleep(DEBOUNCE_SECONDS)
            self.pending.clear()
            result = self.builder.build()
            self.state.record(result)
            self.on_build(result)

    def stop(self) -> None:
        self.stopped.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)


def error_page(errors: tuple[str, ...], script: bytes) -> bytes:
    """The page every address answers while there is no good site: the problems as text."""
    return problem_page.render(errors, Markup(script.decode()), "portal serve")


def reload_script() -> bytes:
    from importlib.resources import files

    return files("generator").joinpath("templates/preview-reload.js").read_bytes()


def serve(
    build_once: BuildOnce,
    setup_logging: SetupLogging,
    config_file: Path,
    root: Path,
    watched: list[Path],
    host: str,
    port: int,
    say: Any,
    announce: Any,
    verbose: bool = False,
) -> int:
    """Build (`build_once`, in the builder process), then serve and rebuild on every change
    until interrupted (Ctrl-C). When the first build fails and there is no earlier preview,
    every address shows the errors."""
    site = preview_site(root)
    # Forked now, while there is one thread.
    builder = Builder(build_once, setup_logging, config_file, site, verbose)
    try:
        # The address is taken before the first build: a port in use is said at once.
        state = State()
        handler = type("Handler", (_Handler,), {"state": state, "script": reload_script()})
        server = _Server((host, port), partial_handler(handler, site))
        server.daemon_threads = True
        watcher = Watcher(builder, state, watched, lambda r: say(r, site))
        try:
            watcher.observe()
            first = builder.build()
            say(first, site)
            if first.ok and not (site / "index.html").is_file():
                return 1  # a site without a home page: nothing to preview
            state.record(first)
            watcher.run()
            announce(f"http://{host}:{server.server_address[1]}/")
            server.serve_forever(poll_interval=0.2)
        finally:
            watcher.stop()
            server.server_close()
    finally:
        builder.close()
    return 0


def partial_handler(handler: type[_Handler], site: Path) -> Any:
    def make(*args: Any, **kwargs: Any) -> _Handler:
        return handler(*args, directory=str(site), **kwargs)

    return make
