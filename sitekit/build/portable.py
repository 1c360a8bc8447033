"""The file-system operations the output writer needs that differ by platform, each chosen
here once by what the platform offers, with a portable fallback: an atomic folder swap, an
exclusive lock per output, whether a process is alive, and deleting a folder in the background.

Set SITEKIT_PORTABLE_FALLBACKS=1 to force every fallback (the tests build that way too).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import IO, Any

FORCE_ENV = "SITEKIT_PORTABLE_FALLBACKS"


def fallbacks_forced() -> bool:
    """True when SITEKIT_PORTABLE_FALLBACKS asks for the portable code paths everywhere."""
    return os.environ.get(FORCE_ENV, "") not in ("", "0")


# --------------------------------------------------------------------------- atomic swap

_SWAP: Any = None  # the platform's swap call once looked up; False when it has none


def _swap_call() -> Any:
    """renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP) on macOS, else False."""
    global _SWAP
    if _SWAP is None:
        _SWAP = False
        if sys.platform.startswith("linux") or sys.platform == "darwin":
            try:
                import ctypes  # here, not at the top: ~1.4 ms to import, needed only to swap

                libc = ctypes.CDLL(None, use_errno=True)
                if sys.platform == "darwin":
                    call = libc.renamex_np
                    call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
                    _SWAP = lambda a, b: call(a, b, 0x2) == 0  # noqa: E731 - RENAME_SWAP
                else:
                    call = libc.renameat2
                    call.argtypes = [
                        ctypes.c_int,
                        ctypes.c_char_p,
                        ctypes.c_int,
                        ctypes.c_char_p,
                        ctypes.c_uint,
                    ]
                    _SWAP = lambda a, b: call(-100, a, -100, b, 2) == 0  # noqa: E731 - AT_FDCWD
            except (OSError, AttributeError):  # an old libc or kernel: no atomic swap
                _SWAP = False
    return _SWAP


def swap_folders(a: Path, b: Path) -> bool:
    """Exchange two folders in one atomic step; False when the platform or the file system
    cannot (the caller then swaps with renames, which recover_output can finish)."""
    call: Any = False if fallbacks_forced() else _swap_call()
    if not call:
        return False
    return bool(call(os.fsencode(a), os.fsencode(b)))


# --------------------------------------------------------------------------- processes


def pid_alive(pid: int) -> bool:
    """True when process `pid` is running (or might be: not ours to signal)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows: os.kill(pid, 0) would end the process
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# --------------------------------------------------------------------------- the lock


class Busy(Exception):
    """Another process holds the lock."""


class OutputLock:
    """An exclusive lock on one output folder, held until close() or the process ends.

    flock on Linux and macOS and msvcrt.locking on Windows: the system releases them when the
    holder dies; `path` stays as an empty file. Elsewhere (or forced) `path` + "file",
    created with O_EXCL and holding the holder's process id, removed on release; one left
    by a process that died is taken over.
    """

    STALE_EMPTY_SECONDS = 5.0  # an empty lock file older than this is not being written

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[str] | None = None
        self.owned_file = False
        if not fallbacks_forced() and self._system_lock():
            return
        self.path = path.with_name(path.name + "file")
        self._file_lock()

    def _system_lock(self) -> bool:
        """Take the lock with flock or msvcrt; False when the platform has neither."""
        try:
            import fcntl  # here: absent on Windows
        except ImportError:
            fcntl = None  # type: ignore[assignment]
        msvcrt: Any = None
        if fcntl is None:
            try:
                import msvcrt  # pragma: no cover - Windows
            except ImportError:
                return False
        handle = open(self.path, "a+")  # noqa: SIM115 - held for the whole build
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows: lock the first byte
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            handle.close()
            raise Busy from None
        self.handle = handle
        return True

    def _file_lock(self) -> None:
        """Create the lock file exclusively; take over one whose holder is gone."""
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if not self._stale():
                    raise Busy from None
                aside = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}")
                with contextlib.suppress(FileNotFoundError):
                    os.replace(self.path, aside)  # one taker wins; the others find it gone
                    os.unlink(aside)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()}\n")
            self.owned_file = True
            return
        raise Busy

    def _stale(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace").strip()
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return True  # released meanwhile: try again
        except OSError:
            return False
        if not text:  # being written right now, or an empty file left by a system lock
            return age > self.STALE_EMPTY_SECONDS
        return not (text.isdigit() and pid_alive(int(text)))

    def close(self) -> None:
        """Release the lock (a lock file is removed)."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if self.owned_file:
            self.owned_file = False
            with contextlib.suppress(OSError):
                os.unlink(self.path)


# --------------------------------------------------------------------------- deleting


_DELETERS: list[Any] = []  # process ids (POSIX) or Popen objects, reaped when done
_DELETE = (
    "import os, shutil, sys\n"
    "if hasattr(os, 'nice'): os.nice(10)\n"
    "shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
)


def remove_in_background(folder: Path) -> None:
    """Delete `folder` (already renamed aside, so nothing reads it) in a detached process of
    low priority, so that the build that put it aside ends without waiting; if that process
    is killed, the next build deletes what is left. Deleted here when no process can start."""
    _reap()
    argv = [sys.executable, "-I", "-S", "-c", _DELETE, str(folder)]
    try:
        if hasattr(os, "posix_spawn") and not fallbacks_forced():
            # its own session, stdio on /dev/null: a pipe reading our output is not held open
            null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
            _DELETERS.append(
                os.posix_spawn(sys.executable, argv, os.environ, file_actions=null, setsid=True)
            )
            return
    except (OSError, NotImplementedError):
        pass
    import subprocess  # here: only a build that put a folder aside needs it

    flags: dict[str, Any] = {}
    if os.name == "nt":  # pragma: no cover - Windows: outlive the console's Ctrl+C
        flags["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    else:
        flags["start_new_session"] = True
    try:
        _DELETERS.append(
            subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                **flags,
            )
        )
    except OSError:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _reap(timeout: float | None = 0) -> None:
    """Collect the deleting processes that have ended (waiting up to `timeout` seconds)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    running = []
    for proc in _DELETERS:
        while True:
            if isinstance(proc, int):
                try:
                    done = os.waitpid(proc, os.WNOHANG)[0] != 0
                except ChildProcessError:
                    done = True
            else:
                done = proc.poll() is not None
            if done or (deadline is not None and time.monotonic() >= deadline):
                break
            time.sleep(0.01)
        if not done:
            running.append(proc)
    _DELETERS[:] = running


def wait_for_background_removals(timeout: float = 60.0) -> None:
    """Wait until the deletions started by this process have ended (for tests and tools)."""
    _reap(timeout)
