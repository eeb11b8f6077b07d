"""Load-test the team server: signed-in people practising and editing stories, paced like people;
write the "Team server" section of docs/PERFORMANCE.md.

The server is the real `starcoach serve --team --workers 2` in its own processes, on a fresh schema of
a PostgreSQL database (dropped afterwards). Before it starts, the accounts are made the way a team
makes them: an invitation each, accepted through the accounts service, with a real Argon2 hash; each
account also gets one story of its own. Then, from this one process (asyncio, one httpx client and one
keep-alive connection per person, each with its own cookies):

- alone: one person signs in and loops over the requests below with a short pause, so no two of its
  requests overlap: the unloaded time of each request;
- loaded: `--users` people (100) arrive over the first `--ramp` seconds, each signs in once (the
  sign-in page, then the password check), and for `--seconds` (60) loops, with a think time of
  `--think` seconds (2-6, uniform) before every request, over practising (start a session, send an
  answer, open its report page) and editing their story (open the edit page, save it, see the story
  page that the save leads to).

Every answer is a different whole answer of 70-330 words; every save changes the story. A request
counts as an error unless it gets the answer a browser expects (200, 201, or the 303 after a form).

Run: `python -m bench.team_load` (add `--no-write` to leave docs/PERFORMANCE.md alone). It needs a
PostgreSQL server: `--postgres URL`, else STARCOACH_TEST_DATABASE_URL or STARCOACH_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.concurrent_writes import _drop, _postgres_schema
from bench.sections import update_section
from bench.web_load import REPO, Run, answer_pool, free_port
from starcoach.cli.serve import IDLE_TIMEOUT_S

SECTION = "Team server"
PASSWORD = "bench-password-of-a-person"
WORKERS = 2

# The kinds of request, in the order a person makes them.
KINDS = (
    "sign-in page",
    "sign in",
    "practice: start",
    "practice: answer",
    "practice: report page",
    "story: edit page",
    "story: save",
    "story: page after saving",
)


def _limits() -> httpx.Limits:
    # One connection per person, kept alive between requests, as one browser tab does.
    return httpx.Limits(max_connections=1, max_keepalive_connections=1)


_CSRF = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')
_VERSION = re.compile(r'<input type="hidden" name="version" value="([^"]+)">')
_FORM_ID = re.compile(r'<input type="hidden" name="form_id" value="([^"]+)">')


@dataclass
class Phase:
    """What one phase (alone, or loaded) saw: a Run per kind of request."""

    name: str
    users: int
    runs: dict[str, Run] = field(default_factory=dict)
    samples: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    """Per kind, (when the request started, its latency in ms), for the steady-state figures."""
    begin: float = 0.0
    signed_in_at: float = 0.0
    """When the last person's sign-in was answered: the run is steady from then on."""
    resent: int = 0
    """Requests resent on a new connection because the idle one closed as they went out."""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time this process (the load generator) used during the phase."""

    def __post_init__(self) -> None:
        self.runs = {kind: Run(kind, self.users) for kind in KINDS}
        self.samples = {kind: [] for kind in KINDS}

    def steady(self, kind: str) -> Run:
        """Return the requests of one kind that started after everyone had signed in."""
        run = Run(kind, self.users)
        run.latencies_ms = [ms for at, ms in self.samples[kind] if at >= self.signed_in_at]
        return run

    @property
    def requests(self) -> int:
        """Return the requests answered as expected."""
        return sum(len(run.latencies_ms) for run in self.runs.values())

    @property
    def errors(self) -> int:
        """Return the requests that failed."""
        return sum(sum(run.errors.values()) for run in self.runs.values())

    def error_kinds(self) -> dict[str, int]:
        """Return every failure, by request kind and what went wrong."""
        return {
            f"{kind}: {what}": count
            for kind, run in self.runs.items()
            for what, count in run.errors.items()
        }


# --- setting up ---------------------------------------------------------------------------------


def create_people(url: str, count: int) -> list[tuple[str, str]]:
    """Make `count` accounts by invitation through the accounts service, each with one story.

    Return (login, story id) pairs. Passwords are hashed with the server's own Argon2 parameters.
    """
    from starcoach.accounts import Accounts
    from starcoach.storage.db import open_database
    from starcoach.storage.stories import StoryStore
    from starcoach.stories.model import Story, StoryAction, StoryResult

    database = open_database(url)
    accounts = Accounts(database)

    def one(n: int) -> tuple[str, str]:
        login = f"person{n:03d}@bench.example.org"
        token = accounts.invite("candidate", created_by=None)
        account = accounts.accept_invitation(token, login, f"Person {n}", PASSWORD)
        story = Story(
            id="checkout-latency",
            title="Cutting checkout latency",
            situation="Checkout pages took four seconds to load before the holiday peak.",
            task="I owned the latency budget for the checkout service.",
            actions=(
                StoryAction("Profiled the slowest requests and added the missing index.", "me"),
            ),
            results=(StoryResult("Median checkout time fell from 4 s to 1.2 s."),),
        )
        StoryStore(database, account.user_id).add(story)
        return login, story.id

    try:
        # Argon2 leaves the interpreter lock while it hashes, so two threads use both cores.
        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(one, range(count)))
    finally:
        database.close()


def start_team_server(
    url: str, log: Path
) -> tuple[subprocess.Popen[bytes], str, tempfile.TemporaryDirectory[str]]:
    """Start `starcoach serve --team --workers 2` on a free loopback port; return it and its address."""
    data = tempfile.TemporaryDirectory()
    port = free_port()
    env = {**os.environ, "STARCOACH_DATA_DIR": data.name, "STARCOACH_DATABASE_URL": url}
    command = [
        sys.executable,
        "-c",
        "from starcoach.cli.main import run; run()",
        "serve",
        "--team",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
    ]
    # The server's output goes to a file: a pipe nobody reads would stop it once full.
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(address + "/signin", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                data.cleanup()
                raise SystemExit(
                    "the team server did not start:\n" + log.read_text("utf-8", "replace")[-3000:]
                ) from None
            time.sleep(0.3)
    return process, address, data


# --- one person ---------------------------------------------------------------------------------


class Person:
    """One signed-in person's browser: its cookies, its connection, and what it measures."""

    def __init__(
        self,
        client: Any,
        phase: Phase,
        login: str,
        story_id: str,
        answers: list[tuple[str, str]],
        rng: random.Random,
        stop_at: float,
    ) -> None:
        self.client = client
        self.phase = phase
        self.login = login
        self.story_id = story_id
        self.answers = answers
        self.rng = rng
        self.stop_at = stop_at
        self.saves = 0
        self.last_answer = time.perf_counter()

    async def request(
        self, kind: str, method: str, path: str, expect: int, **options: Any
    ) -> Any | None:
        """Send one request, time it and check its status; return the response, None on failure."""
        run = self.phase.runs[kind]
        started = time.perf_counter()
        idle = started - self.last_answer
        try:
            try:
                response = await self.client.request(method, path, **options)
            except (httpx.ReadError, httpx.RemoteProtocolError):
                if idle < 1.0:
                    raise
                # The connection sat idle in the pool and the server closed it as the request
                # went out (its keep-alive ran out). A browser resends such a request on a new
                # connection, and so does a person here, once; the time counts from the first try.
                self.phase.resent += 1
                await self.reconnect()
                response = await self.client.request(method, path, **options)
        except httpx.HTTPError as exc:
            run.error(type(exc).__name__)
            return None
        finally:
            self.last_answer = time.perf_counter()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != expect:
            run.error(f"HTTP {response.status_code}")
            return None
        run.latencies_ms.append(elapsed)
        self.phase.samples[kind].append((started, elapsed))
        return response

    async def think(self, low: float, high: float) -> bool:
        """Pause as a person reads or types; return False when the run is over."""
        pause = self.rng.uniform(low, high)
        remaining = self.stop_at - time.perf_counter()
        if pause >= remaining:
            await asyncio.sleep(max(0.0, remaining))
            return False
        await asyncio.sleep(pause)
        return True

    async def reconnect(self) -> None:
        """Drop the keep-alive connection; the next request opens a new one (same cookies)."""
        old = self.client
        self.client = httpx.AsyncClient(
            base_url=str(old.base_url), limits=_limits(), timeout=old.timeout, cookies=old.cookies
        )
        await old.aclose()

    async def sign_in(self) -> bool:
        """Open the sign-in page and sign in with the password."""
        page = await self.request("sign-in page", "GET", "/signin", 200)
        if page is None:
            return False
        token = _CSRF.search(page.text)
        data = {
            "login": self.login,
            "password": PASSWORD,
            "next": "/",
            "csrf_token": token.group(1) if token else "",
        }
        if await self.request("sign in", "POST", "/signin", 303, data=data) is None:
            return False
        self.phase.signed_in_at = max(self.phase.signed_in_at, time.perf_counter())
        return True

    async def practise(self, think: tuple[float, float]) -> None:
        """Start a one-prompt session, answer it, open its report."""
        question, answer = self.answers[self.rng.randrange(len(self.answers))]
        started = await self.request(
            "practice: start",
            "POST",
            "/api/practice",
            201,
            json={"question": question, "max_follow_ups": 0},
        )
        if started is None or not await self.think(*think):
            return
        session_id = started.json()["id"]
        text = f"{answer.strip()} That was my answer number {self.rng.randrange(10**9)}."
        body = {"answer": text, "elapsed": 95.0}
        path = f"/api/practice/{session_id}/answer"
        if await self.request("practice: answer", "POST", path, 200, json=body) is None:
            return
        if not await self.think(*think):
            return
        await self.request("practice: report page", "GET", f"/practice/{session_id}/report", 200)

    async def edit_story(self, think: tuple[float, float]) -> None:
        """Open the story's edit page, change it, save it, and see the story page."""
        path = f"/stories/{self.story_id}/edit"
        page = await self.request("story: edit page", "GET", path, 200)
        if page is None or not await self.think(*think):
            return
        token, version, form_id = (
            _CSRF.search(page.text),
            _VERSION.search(page.text),
            _FORM_ID.search(page.text),
        )
        if token is None or version is None or form_id is None:
            self.phase.runs["story: edit page"].error("the form lacks its hidden fields")
            return
        self.saves += 1
        form = {
            "csrf_token": token.group(1),
            "form_id": form_id.group(1),
            "version": version.group(1),
            "title": "Cutting checkout latency",
            "situation": "Checkout pages took four seconds to load before the holiday peak.",
            "task": "I owned the latency budget for the checkout service.",
            "actions-0-did": "Profiled the slowest requests and added the missing index.",
            "actions-0-who": "me",
            "results-0-outcome": "Median checkout time fell from 4 s to 1.2 s.",
            "reflection": f"Revised {self.saves} times: I would set the budget at the start.",
        }
        saved = await self.request("story: save", "POST", path, 303, data=form)
        if saved is None:
            return
        await self.request("story: page after saving", "GET", saved.headers["location"], 200)


async def _person(
    address: str,
    phase: Phase,
    login: str,
    story_id: str,
    answers: list[tuple[str, str]],
    arrive_at: float,
    stop_at: float,
    think: tuple[float, float],
    seed: int,
) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(max(0.0, arrive_at - time.perf_counter()))
    client = httpx.AsyncClient(base_url=address, limits=_limits(), timeout=60.0)
    person = Person(client, phase, login, story_id, answers, rng, stop_at)
    try:
        if not await person.sign_in():
            return
        # Practising and editing alternate, starting with either.
        practising = rng.random() < 0.5
        while await person.think(*think):
            if practising:
                await person.practise(think)
            else:
                await person.edit_story(think)
            practising = not practising
    finally:
        await person.client.aclose()


async def run_phase(
    address: str,
    name: str,
    people: list[tuple[str, str]],
    seconds: float,
    ramp: float,
    think: tuple[float, float],
) -> Phase:
    """Run `people` (login, story id) against the server for `seconds`; return what they saw."""
    phase = Phase(name, len(people))
    answers = answer_pool()
    begin = phase.begin = time.perf_counter()
    cpu = time.process_time()
    stop_at = begin + seconds
    tasks = [
        _person(
            address,
            phase,
            login,
            story_id,
            answers,
            begin + ramp * n / max(1, len(people)),
            stop_at,
            think,
            seed=n,
        )
        for n, (login, story_id) in enumerate(people)
    ]
    await asyncio.gather(*tasks)
    phase.seconds = time.perf_counter() - begin
    phase.cpu_seconds = time.process_time() - cpu
    return phase


# --- the report ---------------------------------------------------------------------------------


def _figures(run: Run) -> str:
    if not run.latencies_ms:
        return "0 | | | "
    return (
        f"{len(run.latencies_ms):,} | {run.percentile(50):.0f} ms | {run.percentile(95):.0f} ms | "
        f"{run.percentile(99):.0f} ms"
    )


def table(alone: Phase, loaded: Phase) -> list[str]:
    """Return the table: each kind of request, alone and under load, side by side."""
    rows = [
        f"| request | alone: n | p50 | p95 | p99 | {loaded.users} people, whole run: n | p50 | p95 "
        "| p99 | after the sign-ins: n | p50 | p95 | p99 | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        errors = sum(loaded.runs[kind].errors.values()) + sum(alone.runs[kind].errors.values())
        steady = _figures(loaded.steady(kind)) if not kind.startswith("sign") else "— | | | "
        rows.append(
            f"| {kind} | {_figures(alone.runs[kind])} | {_figures(loaded.runs[kind])} | "
            f"{steady} | {errors} |"
        )
    return rows


def report_lines(
    alone: Phase, loaded: Phase, think: tuple[float, float], ramp: float, load_before: float
) -> list[str]:
    """Return the lines of the Team server section of the performance report."""
    today = datetime.date.today().isoformat()
    generator = 100 * loaded.cpu_seconds / loaded.seconds if loaded.seconds else 0.0
    work = [k for k in KINDS if not k.startswith("sign") and loaded.runs[k].latencies_ms]
    slowest = max(work, key=lambda k: loaded.runs[k].percentile(95))
    steady = max(work, key=lambda k: loaded.steady(k).percentile(95))
    after = loaded.signed_in_at - loaded.begin
    errors = (
        "0 errors"
        if not loaded.errors
        else f"{loaded.errors} errors ("
        + ", ".join(f"{what}: {n}" for what, n in loaded.error_kinds().items())
        + ")"
    )
    lines = [
        f"Measured {today} on {platform.machine()} with {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, by `python -m bench.team_load`: `starcoach serve --team "
        f"--workers {WORKERS}` on PostgreSQL, {loaded.users} accounts made by invitation through the "
        "accounts service (real Argon2 hashes), each with one story. Each person signs in once, then "
        "alternates practising (start a one-prompt session, send a whole answer of 70-330 words, open "
        "the report page) and editing their story (open the edit page, save a change, see the story "
        f"page), with a think time of {think[0]:g}-{think[1]:g} s before every request. The people "
        f"arrive over the first {ramp:g} s and run for {loaded.seconds:.0f} s; alone, one person makes "
        f"the same requests for {alone.seconds:.0f} s with a short pause, so no two overlap.",
        "",
        *table(alone, loaded),
        "",
        f"{loaded.users} people: {loaded.requests:,} requests in {loaded.seconds:.0f} s "
        f"({loaded.requests / loaded.seconds:.1f}/s), {errors}. Alone: {alone.requests:,} "
        f"requests, {alone.errors} errors. Over the whole run the slowest kind at p95 (sign-in "
        f"aside) is {slowest}: {loaded.runs[slowest].percentile(95):.0f} ms against "
        f"{alone.runs[slowest].percentile(95):.0f} ms alone. The last person was signed in "
        f"{after:.0f} s into the run; after that the slowest at p95 is {steady}: "
        f"{loaded.steady(steady).percentile(95):.0f} ms. The server closes a connection idle for "
        f"{IDLE_TIMEOUT_S} s; a request that went out on one just as it closed was resent once on a "
        f"new connection, as a browser does, and counted once, its time from the first try: "
        f"{loaded.resent} of {loaded.requests:,} (none of the resent ones failed, or they would "
        "be errors above).",
        "",
        "Sign-in is the one request made costly on purpose: the Argon2 check takes 64 MiB and over "
        "a tenth of a second of one core (see docs/server.md), so while people arrive (here "
        f"{loaded.users} over {ramp:g} s, evenly) the sign-ins compete with every other request for "
        "the two cores; the figures after the sign-ins leave those seconds out, and on a machine "
        "busy with other work the two columns differ most. Everything runs on one machine: the two "
        "server workers, PostgreSQL and the load generator share its cores. The load generator is "
        f"one process (asyncio, one httpx client per person) and used {generator:.0f}% of one core "
        f"during the loaded run. The load average (1 min) was {load_before:.1f} as the loaded run "
        "began: this benchmark's own set-up and the other work on this shared machine.",
    ]
    return lines


@dataclass
class Measured:
    """Both phases of one run, and the load on the machine just before the loaded one."""

    alone: Phase
    loaded: Phase
    load_before: float


def loaded_errors(scope: dict[str, Any]) -> bool:
    """Return True when a phase that ran had errors (or none ran: the server failed)."""
    phases = [scope[name] for name in ("alone", "loaded") if name in scope]
    return not phases or any(phase.errors for phase in phases)


def _run(phase: Any) -> Any:
    """Run one phase's event loop in a thread of its own, so a caller whose thread already runs a
    loop (a test session that drove a browser) can measure too."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, phase).result()


def measure(
    postgres: str,
    users: int,
    seconds: float,
    ramp: float,
    think: tuple[float, float],
    alone_seconds: float,
    alone_think: tuple[float, float],
) -> Measured:
    """Make the accounts in a fresh schema, start the server, run alone then loaded; clean up."""
    url, schema = _postgres_schema(postgres)
    try:
        started = time.perf_counter()
        people = create_people(url, users + 1)
        print(f"{len(people)} accounts made in {time.perf_counter() - started:.1f} s", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            server, address, data = start_team_server(url, Path(tmp) / "server.log")
            try:
                alone = _run(
                    run_phase(address, "alone", people[-1:], alone_seconds, 0.0, alone_think)
                )
                load_before = os.getloadavg()[0]
                loaded = _run(run_phase(address, "loaded", people[:users], seconds, ramp, think))
            finally:
                server.terminate()
                server.wait(timeout=30)
                data.cleanup()
                if loaded_errors(locals()):
                    log = (Path(tmp) / "server.log").read_text("utf-8", "replace")
                    print("the server's log:\n" + log[-4000:], flush=True)
    finally:
        _drop(postgres, schema)
    return Measured(alone, loaded, load_before)


def main() -> None:
    """Set up the accounts, run alone and loaded, and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("STARCOACH_TEST_DATABASE_URL")
        or os.environ.get("STARCOACH_DATABASE_URL", ""),
        help="a PostgreSQL server's URL (a fresh schema is made there and dropped afterwards)",
    )
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the loaded run")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which people arrive")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), metavar=("LOW", "HIGH"))
    parser.add_argument("--alone-seconds", type=float, default=40.0)
    parser.add_argument(
        "--alone-think", type=float, nargs=2, default=(0.1, 0.3), metavar=("LOW", "HIGH")
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "PERFORMANCE.md")
    args = parser.parse_args()
    if not args.postgres.startswith("postgresql"):
        raise SystemExit("the team server needs PostgreSQL: give --postgres URL")
    think = (float(args.think[0]), float(args.think[1]))
    measured = measure(
        args.postgres,
        args.users,
        args.seconds,
        args.ramp,
        think,
        args.alone_seconds,
        (float(args.alone_think[0]), float(args.alone_think[1])),
    )
    lines = report_lines(measured.alone, measured.loaded, think, args.ramp, measured.load_before)
    print("\n".join(lines), flush=True)
    for phase in (measured.alone, measured.loaded):
        if phase.errors:
            print(f"errors ({phase.name}): {phase.error_kinds()}", flush=True)
    if not args.no_write:
        update_section(args.output, SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
