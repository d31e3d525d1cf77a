"""The Chinese maker-goods shop declares nothing beyond the shop's own sources; its name rule is a setting."""
