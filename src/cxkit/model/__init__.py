"""pydantic models of the workspace format: one place defines each field."""
