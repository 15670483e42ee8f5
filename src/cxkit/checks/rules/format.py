"""The format's own checks, made while reading and modelling the files.

They are errors by default and cannot be turned off: a workspace that breaks the format cannot be
analysed reliably. Each entry's text is what `cxkit rules` prints.
"""

FORMAT_CHECKS: dict[str, str] = {
    "file-unreadable": """A workspace file could not be read.

The file could not be opened, is larger than cxkit reads, or is a link that points outside the
workspace or to nothing. Links are followed only inside the workspace.""",
    "file-encoding": """A workspace file is not UTF-8 text.

Workspace files are UTF-8 (a byte-order mark is allowed). The finding points at the first byte
that cannot be read, or at a NUL byte, which only binary files contain.""",
    "yaml-syntax": """A workspace file is not valid YAML 1.2.

Syntax errors, tab characters used for indentation, keys that are lists or mappings, and nesting
deeper than 100 levels are reported where they occur. So is what older YAML 1.1 readers let
through but YAML 1.2, editors and other tools refuse or read differently: a comment with no space
before its `#` (`goal: "x"# note`), a lone `-` in a flow list, a quoted text continued below its
key's indent, a tab indenting a flow list, and the line breaks NEL, LS and PS.""",
    "yaml-multiple-documents": """A workspace file holds more than one YAML document.

A `---` after content starts a second document. Split it into two files instead.""",
    "yaml-duplicate-key": """A mapping has the same key twice.

Most YAML tools silently keep the last value, so one of the two is lost. cxkit keeps the first
and reports the second.""",
    "yaml-anchor": """An anchor (`&name`) or alias (`*name`).

Anchors and aliases are not part of the format: each place states its values in full, which keeps
files readable on their own and shuts out alias bombs. Write the value out.""",
    "yaml-tag": """A YAML tag (`!!str`, `!include`, `!!python/object`, ...).

Tags are not part of the format. cxkit never constructs objects from them; remove the tag.""",
    "unknown-field": """An unknown top-level key or field.

Every mapping of the format rejects keys it does not define, so typos (`ownr:`) do not pass
silently. The nearest known name is suggested where one is close.""",
    "missing-field": """A required field is missing.

Reported at the start of the mapping that lacks it: every entity needs `id` and `name`, owners
need `kind`, journeys need `stages`, stages need `touchpoints` (which may be empty) or `paths`.""",
    "invalid-value": """A value of the wrong type or out of range.

Types are strict and a value means what was written: a flag takes only `true` or `false`
(`no` is an error), `emotion` and `effort` take whole numbers from 1 to 5, numbers must be
finite, dates are real `YYYY-MM-DD` dates, and a scalar where a list is expected is an error.
A stage has `touchpoints` or `paths`, not both, and each path lists at least one touchpoint.""",
    "id-malformed": """An id that does not follow the id rule.

Ids are 1 to 64 lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit.""",
    "id-duplicate": """An id defined more than once.

Ids are unique within their kind across the whole workspace, and a stage id within its journey.
Each place that defines the id is reported, naming the others.""",
    "ref-undefined": """A reference to an id that is not defined.

Owners, teams, leads, leaders, personas, systems and touchpoints are referenced by id. A reference
that is not even a valid id (`owner: Billing`) says so.""",
    "ref-wrong-kind": """A reference to the wrong kind of owner.

A person's `team` must be a team; a team's `lead` and a journey's `leader` must be people.""",
    "successor-loop": """Successors that lead back to where they started.

An inactive owner's `successor` says who took over what they held. An owner cannot succeed
itself, and a chain of successors cannot loop (`a` → `b` → `a`): nobody would end up holding
their touchpoints. Reported once per loop, at the `successor` of its first owner.""",
}
