"""Settings with a leaked credential (test data: Gitleaks must find it).

FAKE: the key below was made up for the security-scan tests; it was never issued by AWS and grants nothing.
"""

AWS_REGION = "eu-west-1"
AWS_ACCESS_KEY_ID = "AKIAFAKE7TESTKEY2345"  # fake test value, see the module docstring
