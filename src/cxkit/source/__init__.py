"""Reading files: safe YAML with line:col marks, and workspace discovery."""
