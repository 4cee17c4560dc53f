"""Back-office screens of the inspection domain (registered on import)."""
