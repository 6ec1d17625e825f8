"""Makes tokens the unsafe way (test data: Bandit must flag these lines)."""
import random

ADMIN_PASSWORD = "hunter2"


def reset_token():
    # B311: random is not a cryptographic generator.
    return "".join(random.choice("abcdef0123456789") for _ in range(32))
