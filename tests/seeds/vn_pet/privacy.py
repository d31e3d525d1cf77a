"""The Vietnamese pet shop declares nothing beyond the shop's own sources: its rules are settings."""
