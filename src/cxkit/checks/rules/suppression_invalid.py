"""A `# cxkit:` comment that cxkit cannot understand.

The directives are `disable-line` and `disable-next-line`, each followed by rule ids separated by
commas (or by none, for every rule) and optionally by ` -- ` and a reason:

    owner: billing  # cxkit: disable-line owner-inactive -- billing is being re-staffed

An unknown directive or rule id is reported with the nearest known one, since a typo would
otherwise leave the finding it meant to hide on show, or hide a different one. The suppression
rules themselves cannot be suppressed by a comment.
"""

ID = "suppression-invalid"
SEVERITY = "warning"
check = None  # made by the engine from the workspace's suppression comments
