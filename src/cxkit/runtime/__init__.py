"""What a command needs from the process it runs in: atomic writes, forked helpers, a fast exit."""
