"""Models of this app (skeleton)."""
