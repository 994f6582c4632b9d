"""The project's own error type: every problem carries file, position, field path and a hint."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the file has no position for it
    column: int
    path: str  # field path, e.g. promises[2].commitments[0].within
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field_part = f" {self.path}:" if self.path else ""
        text = f"{where}: {self.severity}:{field_part} {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


@dataclass
class PhilosophyError(Exception):
    """Raised when a philosophy file cannot be used; holds every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @property
    def first(self) -> Problem:
        return self.problems[0]


def format_path(loc: tuple[object, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
