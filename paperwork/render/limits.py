"""Run a user's template under limits: a time limit and a memory limit, in a child process.

A production's own templates are code the user (or whoever sent them the folder) wrote:
``{% for i in range(100000) %}{% for j in range(100000) %}`` runs for hours and a string
doubled in a loop fills the machine. The sandbox caps what it can see (ranges, repetition);
what it cannot see, time and memory, is capped here: the render runs in a forked child with
an alarm and an address-space limit, and a child that overruns is reported, naming the
template, as a :class:`~paperwork.errors.TemplateError` (exit 4). Bundled templates are ours
and run in-process.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
from collections.abc import Callable

from paperwork.errors import PaperworkError, TemplateError

SECONDS = 20  # per document
MEMORY = 1 << 30  # bytes the render may add to the process (1 GiB)


def _address_space() -> int:
    """The process's current virtual size in bytes (Linux), or 0 where unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run_limited(
    work: Callable[[], bytes], template: str, *, seconds: int = SECONDS, memory: int = MEMORY
) -> bytes:
    """``work()`` in a forked child under ``seconds`` and ``memory``; its bytes, or the
    :class:`PaperworkError` it raised, or a :class:`TemplateError` when a limit was hit."""
    if not hasattr(os, "fork"):  # no fork (Windows): in-process, the sandbox's caps only
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        status = 0
        try:
            signal.alarm(seconds)
            base = _address_space()
            if base:
                resource.setrlimit(resource.RLIMIT_AS, (base + memory, base + memory))
            try:
                payload = pickle.dumps(("ok", work()))
            except PaperworkError as exc:
                payload = pickle.dumps(("error", exc))
            except MemoryError:
                payload = pickle.dumps(("memory", None))
            except RecursionError:
                payload = pickle.dumps(("recursion", None))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # anything else is reported by the exit status below
            status = 70
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, wait_status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(wait_status):
        sig = os.WTERMSIG(wait_status)
        if sig in (signal.SIGALRM, signal.SIGXCPU):
            raise TemplateError(
                f"template {template}: stopped after {seconds} s (a loop too long?)"
            )
        raise TemplateError(f"template {template}: stopped by signal {sig} while rendering")
    try:
        kind, value = pickle.loads(payload)
    except Exception:
        raise TemplateError(
            f"template {template}: the render stopped without a result "
            f"(exit status {os.WEXITSTATUS(wait_status)}; out of memory?)"
        ) from None
    if kind == "ok":
        return bytes(value)
    if kind == "error":
        raise value
    if kind == "memory":
        raise TemplateError(
            f"template {template}: used more than {memory >> 20} MiB while rendering"
        )
    raise TemplateError(f"template {template}: recursion too deep (a macro that calls itself?)")
