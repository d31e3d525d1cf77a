"""The Vietnamese 3D-printing shop declares nothing beyond the shop's own sources: its data are the demo's."""
