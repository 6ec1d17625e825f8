"""Stores records the unsafe way (test data: Bandit must flag these lines)."""
import hashlib
import pickle

import yaml


def find_user(cursor, name):
    # B608: SQL built by string formatting.
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
    return cursor.fetchone()


def load_session(blob):
    # B301: unpickling untrusted data.
    return pickle.loads(blob)


def password_digest(password):
    # B324: MD5 used for security.
    return hashlib.md5(password.encode()).hexdigest()


def read_config(text):
    # B506: yaml.load without a safe loader.
    return yaml.load(text, Loader=yaml.Loader)
