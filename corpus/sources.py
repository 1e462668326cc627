"""Corpus sources: where the legal texts are read from.

A source is one of

* a git repository or git bundle whose history holds the editions, one commit
  per edition, in the layout of the public mirror (``kazakhstan-law/codes``);
* a URL of such a repository (the public mirror): cloned partially
  (``--filter=blob:none``, blobs fetched only for the act folders read);
* a plain directory in the mirror layout: one edition per act, its working tree;
* a directory holding exactly one ``*.bundle`` (as ``../shared/corpus``).

Every kind yields :class:`Snapshot` s: the text files of one act folder as they
stood at one commit (or in the directory). Turning snapshots into editions is
:mod:`corpus.editions`' job.

>>> kind_of("https://github.com/kazakhstan-law/codes")
'url'
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

TEXT_FILES = ("rus.md", "meta.yaml")
PART_DIR = "rus/"


class SourceError(ValueError):
    """The corpus source cannot be read (missing, not a repository, git failed)."""


@dataclass(frozen=True)
class Snapshot:
    """The files of one act folder at one point of the source's history."""

    folder: str                      # mirror path of the act folder, e.g. "00-constitution"
    files: tuple[tuple[str, bytes], ...]  # (relative path, content), sorted by path
    commit: Optional[str] = None     # git commit id, None for a plain directory
    order: int = 0                   # position of the commit in history (oldest first)

    @property
    def key(self) -> tuple:
        return tuple((p, len(b), hash(b)) for p, b in self.files)

    def file(self, rel: str) -> Optional[bytes]:
        for p, b in self.files:
            if p == rel:
                return b
        return None


def kind_of(source: str) -> str:
    if "://" in source or source.startswith("git@"):
        return "url"
    p = Path(source)
    if not p.exists():
        raise SourceError(f"corpus source not found: {source}")
    if p.is_file():
        return "bundle"
    if (p / ".git").exists() or (p / "HEAD").is_file() and (p / "objects").is_dir():
        return "git"
    if list(p.glob("*.bundle")) and not list(p.glob("*/rus.md")) and not list(p.glob("**/rus.md")):
        return "bundle-dir"
    return "dir"


def _is_act_file(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    if name in TEXT_FILES:
        return True
    parent = rel.rsplit("/", 2)
    return len(parent) >= 2 and parent[-2] == "rus" and name.endswith(".md")


def _act_folder(rel: str) -> Optional[str]:
    """The act folder a file belongs to (the folder holding rus.md), by path shape."""
    parts = rel.split("/")
    if parts[-1] in TEXT_FILES:
        return "/".join(parts[:-1]) or None
    if len(parts) >= 2 and parts[-2] == "rus":
        return "/".join(parts[:-2]) or None
    return None


def read_directory(root: Path, folders: Optional[Sequence[str]] = None) -> list[Snapshot]:
    """One snapshot per act folder (a folder with ``rus.md``) of a plain directory."""
    root = Path(root)
    out = []
    for rus in sorted(root.rglob("rus.md")):
        folder = rus.parent.relative_to(root).as_posix()
        if folder.endswith("/rus") or folder == "rus":
            continue  # a part named rus.md inside a rus/ folder
        if folders and not any(folder == f or folder.startswith(f + "/") for f in folders):
            continue
        files = []
        for f in sorted(rus.parent.rglob("*")):
            rel = f.relative_to(rus.parent).as_posix()
            if f.is_file() and (rel in TEXT_FILES or (rel.startswith(PART_DIR) and rel.endswith(".md"))):
                files.append((rel, f.read_bytes()))
        out.append(Snapshot(folder=folder, files=tuple(files)))
    return out


class _Git:
    def __init__(self, gitdir: Path):
        self.gitdir = gitdir

    def run(self, *args: str, input: bytes | None = None) -> bytes:
        proc = subprocess.run(["git", "--git-dir", str(self.gitdir), *args], input=input,
                              capture_output=True)
        if proc.returncode:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SourceError(f"git {args[0]} failed: {msg[-1] if msg else proc.returncode}")
        return proc.stdout

    def blobs(self, shas: Sequence[str]) -> dict[str, bytes]:
        """Read many blobs with one ``git cat-file --batch``."""
        if not shas:
            return {}
        out = self.run("cat-file", "--batch", input="\n".join(shas).encode() + b"\n")
        blobs, pos = {}, 0
        while pos < len(out):
            nl = out.index(b"\n", pos)
            header = out[pos:nl].split()
            if len(header) < 3 or header[1] == b"missing":
                raise SourceError(f"git object missing: {header[0].decode()}")
            size = int(header[2])
            blobs[header[0].decode()] = out[nl + 1: nl + 1 + size]
            pos = nl + 1 + size + 1
        return blobs


def read_git_history(gitdir: Path, folders: Optional[Sequence[str]] = None,
                     progress: Optional[Callable[[int, int], None]] = None) -> list[Snapshot]:
    """Every distinct state of every act folder along the first-parent history.

    A folder is yielded again only when one of its text files changed, so the
    same act kept unchanged under an old layout does not repeat.
    """
    git = _Git(gitdir)
    try:
        commits = git.run("rev-list", "--first-parent", "--reverse", "HEAD").decode().split()
    except SourceError as exc:
        raise SourceError(f"{gitdir}: not a git repository with history ({exc})") from exc
    last: dict[str, tuple] = {}
    pending: list[tuple[int, str, str, list[tuple[str, str]]]] = []
    for i, commit in enumerate(commits):
        args = ["ls-tree", "-r", "--full-tree", commit]
        if folders:
            args += ["--", *folders]
        listing = git.run(*args).decode("utf-8", "surrogateescape").splitlines()
        by_folder: dict[str, list[tuple[str, str]]] = {}
        for row in listing:
            meta, _, path = row.partition("\t")
            mode, kind, sha = meta.split()
            if kind != "blob" or not _is_act_file(path):
                continue
            folder = _act_folder(path)
            if folder is None:
                continue
            by_folder.setdefault(folder, []).append((path[len(folder) + 1:], sha))
        for folder, files in by_folder.items():
            if not any(rel == "rus.md" for rel, _ in files):
                continue
            key = tuple(sorted(files))
            if last.get(folder) != key:
                last[folder] = key
                pending.append((i, commit, folder, sorted(files)))
        if progress:
            progress(i + 1, len(commits))
    blobs = git.blobs(sorted({sha for *_, files in pending for _, sha in files}))
    return [Snapshot(folder=folder, commit=commit, order=i,
                     files=tuple((rel, blobs[sha]) for rel, sha in files))
            for i, commit, folder, files in pending]


def read_source(source: str, folders: Optional[Sequence[str]] = None,
                progress: Optional[Callable[[int, int], None]] = None) -> list[Snapshot]:
    """Read every act-folder snapshot of a source (see the module docstring)."""
    kind = kind_of(source)
    if kind == "dir":
        return read_directory(Path(source), folders)
    if kind == "git":
        p = Path(source)
        gitdir = p / ".git" if (p / ".git").exists() else p
        return read_git_history(gitdir, folders, progress)
    with tempfile.TemporaryDirectory(prefix="akimkg-src-") as tmp:
        target = Path(tmp) / "repo.git"
        if kind == "bundle-dir":
            bundles = sorted(Path(source).glob("*.bundle"))
            if len(bundles) != 1:
                raise SourceError(f"{source}: expected one *.bundle, found {len(bundles)}")
            source = str(bundles[0])
        args = ["git", "clone", "--quiet", "--bare"]
        if kind == "url":
            args += ["--filter=blob:none"]
        proc = subprocess.run(args + [source, str(target)], capture_output=True)
        if proc.returncode:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SourceError(f"cannot read {source}: {err[-1] if err else 'git clone failed'}")
        return read_git_history(target, folders, progress)


def git_available() -> bool:
    return shutil.which("git") is not None
