"""Deliberately vulnerable sample code: test data for the security-scan e2e tests. Never deploy it."""
