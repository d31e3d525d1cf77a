"""The erasure feature's services: the only code of the feature that changes state."""
