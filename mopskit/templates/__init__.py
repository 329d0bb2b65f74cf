"""Team templates for ``mopskit new``: find them, plan a copy, then copy.

A template is a folder ``mopskit/templates/{name}/`` holding ``template.yaml``
(``name, title, description, data``) and the files a team gets: ``{name}.ipynb``,
a ``README.md`` and anything else they need. ``data`` lists sample files, given
relative to ``mopskit/data/``, that land in ``DEST/data/`` under their own file name.
Templates are read through ``importlib.resources`` so they work from an installed
wheel as well as from a checkout. Everything here except :func:`copy_template`
only reads; the copy writes each file atomically and refuses to overwrite anything
unless told to, even a file that appears while it runs (``report.files.write_atomic``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath


from mopskit.errors import InputError
from mopskit.io.yamlfile import parse_yaml
from mopskit.io.files import write_atomic

TEMPLATE_FILE = "template.yaml"
DATA_FOLDER = "data"
_SKIPPED_NAMES = frozenset({TEMPLATE_FILE, "__pycache__", ".ipynb_checkpoints", "__init__.py"})


@dataclass(frozen=True)
class Template:
    """A team template as declared by its ``template.yaml``."""

    name: str
    title: str
    description: str
    files: tuple[str, ...]
    """Paths inside the template folder that are copied (POSIX, sorted)."""
    data: tuple[str, ...]
    """Paths relative to ``mopskit/data/`` that are copied into ``DEST/data/``."""

    @property
    def notebook(self) -> str:
        """The notebook a team opens first."""
        return f"{self.name}.ipynb"


@dataclass(frozen=True)
class PlannedFile:
    """One file of a planned copy: where it comes from and where it goes."""

    source: Traversable
    target: Path
    relative_target: str


@dataclass(frozen=True)
class CopyPlan:
    """Every file a copy would write, decided before anything is written."""

    template: Template
    destination: Path
    files: tuple[PlannedFile, ...]

    def conflicts(self) -> tuple[Path, ...]:
        """Targets that already exist (the copy refuses them unless forced)."""
        return tuple(file.target for file in self.files if os.path.lexists(file.target))


def _templates_root() -> Traversable:
    return resources.files("mopskit") / "templates"


def _data_root() -> Traversable:
    return resources.files("mopskit") / "data"


def _walk(folder: Traversable, prefix: PurePosixPath) -> list[str]:
    found: list[str] = []
    for entry in folder.iterdir():
        if entry.name in _SKIPPED_NAMES or entry.name.startswith("."):
            continue
        relative = prefix / entry.name
        if entry.is_dir():
            found.extend(_walk(entry, relative))
        else:
            found.append(relative.as_posix())
    return found


def _read_template(folder: Traversable) -> Template:
    declared_at = f"mopskit/templates/{folder.name}/{TEMPLATE_FILE}"
    declared = parse_yaml((folder / TEMPLATE_FILE).read_text(encoding="utf-8"), file=declared_at, kit_file=True)
    if not isinstance(declared, dict):
        raise InputError("expected a mapping with name, title, description", file=declared_at)
    for field in ("name", "title", "description"):
        if not isinstance(declared.get(field), str) or not declared[field].strip():
            raise InputError(f"'{field}' must be a non-empty text", file=declared_at)
    if declared["name"] != folder.name:
        raise InputError(
            f"name '{declared['name']}' differs from its folder '{folder.name}'", file=declared_at
        )
    data = declared.get("data") or []
    if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
        raise InputError("'data' must be a list of paths", file=declared_at)
    file_names = [PurePosixPath(item).name for item in data]
    if len(set(file_names)) != len(file_names):
        raise InputError("two 'data' files share a file name", file=declared_at)
    for item in data:
        if not (_data_root() / item).is_file():
            raise InputError(f"data file '{item}' is not in mopskit/data", file=declared_at)
    files = tuple(sorted(_walk(folder, PurePosixPath())))
    template = Template(
        name=declared["name"],
        title=declared["title"].strip(),
        description=" ".join(declared["description"].split()),
        files=files,
        data=tuple(data),
    )
    if template.notebook not in files:
        raise InputError(f"the template has no notebook '{template.notebook}'", file=declared_at)
    return template


def list_templates() -> tuple[Template, ...]:
    """Every template shipped with the kit, sorted by name."""
    root = _templates_root()
    if not root.is_dir():
        return ()
    return tuple(
        _read_template(folder)
        for folder in sorted(root.iterdir(), key=lambda entry: entry.name)
        if folder.is_dir() and (folder / TEMPLATE_FILE).is_file()
    )


def get_template(name: str) -> Template:
    """The template called ``name``; an unknown name lists the known ones."""
    templates = list_templates()
    for template in templates:
        if template.name == name:
            return template
    known = ", ".join(template.name for template in templates) or "none"
    raise InputError(f"no template named '{name}'; templates: {known}")


def plan_copy(name: str, destination: str | os.PathLike[str]) -> CopyPlan:
    """Decide every file a copy of template ``name`` into ``destination`` would write."""
    template = get_template(name)
    destination = Path(destination)
    if destination.exists() and not destination.is_dir():
        raise InputError("the destination is a file, not a folder", file=destination)
    for ancestor in destination.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise InputError("a file is in the way of the destination folder", file=ancestor)
            break
    folder = _templates_root() / template.name
    planned = [
        PlannedFile(
            source=folder.joinpath(*PurePosixPath(relative).parts),
            target=destination.joinpath(*PurePosixPath(relative).parts),
            relative_target=relative,
        )
        for relative in template.files
    ]
    for item in template.data:
        relative = f"{DATA_FOLDER}/{PurePosixPath(item).name}"
        planned.append(
            PlannedFile(
                source=_data_root().joinpath(*PurePosixPath(item).parts),
                target=destination / DATA_FOLDER / PurePosixPath(item).name,
                relative_target=relative,
            )
        )
    return CopyPlan(template=template, destination=destination, files=tuple(planned))


def _blocking_parent(plan: CopyPlan) -> Path | None:
    """A path inside the destination that is a file where a folder must go."""
    for file in plan.files:
        parent = file.target.parent
        while parent != plan.destination and plan.destination in parent.parents:
            if parent.exists() and not parent.is_dir():
                return parent
            parent = parent.parent
    return None


def copy_template(plan: CopyPlan, *, force: bool = False) -> tuple[Path, ...]:
    """Write the planned files; without ``force`` an existing file stops it before any write."""
    blocking = _blocking_parent(plan)
    if blocking is not None:
        raise InputError("a file is in the way of a folder the template needs", file=blocking)
    conflicts = plan.conflicts()
    for conflict in conflicts:
        if conflict.is_dir():
            raise InputError("a folder is where the template puts a file", file=conflict)
    if conflicts and not force:
        others = len(conflicts) - 1
        also = f" (and {others} more)" if others else ""
        raise InputError(
            f"already exists{also}; nothing was written. Use --force to overwrite",
            file=conflicts[0],
        )
    written: list[Path] = []
    for file in plan.files:
        done = f" after writing {len(written)} of {len(plan.files)} files" if written else ""
        try:
            file.target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(file.target, file.source.read_bytes(), force=force)
        except OSError as error:
            raise InputError(f"cannot write: {error.strerror}{done}", file=file.target) from error
        except InputError as error:
            # A file that appeared since the check above is refused here too, not replaced.
            reason = error.reason.replace("cannot write the report:", "cannot write:")
            raise InputError(f"{reason}{done}", file=file.target) from None
        written.append(file.target)
    return tuple(written)
