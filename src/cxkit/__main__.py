from cxkit.cli import entry

entry()
