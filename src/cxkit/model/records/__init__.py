"""The workspace entities as plain records, and the fast check that builds them.

`generated.py` is GENERATED from the pydantic models (`cxkit.model.entities`) by
`python -m cxkit.model.regenerate`: never edit it; change a model and run the command. The rest
is written by hand: `codegen.py` writes the source of `generated.py` (and says which pydantic
features it follows), `checks.py` holds the building blocks of the check, `base.py` what every
record shares and the methods some carry.

Nothing here but `codegen.py` imports pydantic: `cxkit validate` on a clean workspace builds
records and never loads it. This file imports nothing, so the generator runs even while
`generated.py` is broken.
"""
