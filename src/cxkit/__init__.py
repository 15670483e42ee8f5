"""cxkit: customer journeys as code."""

# The one place the version is written: the build reads it from here (pyproject.toml,
# [tool.hatch.version]), so the wheel's metadata, `cxkit --version` and every report agree.
# Not importlib.metadata: that costs start-up time and needs cxkit installed.
__version__ = "0.1.0"
