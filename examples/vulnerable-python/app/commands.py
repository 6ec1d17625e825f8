"""Runs shell commands the unsafe way (test data: Bandit must flag these lines)."""
import subprocess


def archive(name):
    # B602: user input reaches a shell.
    return subprocess.call("tar czf /tmp/backup.tgz " + name, shell=True)


def calculate(expression):
    # B307: eval of user input.
    return eval(expression)
