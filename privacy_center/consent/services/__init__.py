"""The consent feature's services: the only code that changes consent, signal, preference and policy state."""
