"""A suppression comment that suppresses nothing.

`# cxkit: disable-line RULE` and `# cxkit: disable-next-line RULE` hide the findings of RULE on
one line. Once that finding is gone (the problem was fixed, the line moved, the rule was turned
off in the config) the comment would silently hide the next problem of that kind there, so it is
reported: remove it, or name the rule that is still reported. A comment that names no rule
suppresses every rule on its line and is reported when nothing is found there.

Made after the suppressions are applied, so a comment cannot hide it: turn it off in
`.cxkit.yaml` (`rules: {suppression-unused: off}`) if you must.
"""

ID = "suppression-unused"
SEVERITY = "warning"
check = None  # made by the engine from the workspace's suppression comments
