"""The validate engine: findings, the checks that make them, and what hides or keeps them."""
