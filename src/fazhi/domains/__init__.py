"""Domain apps, one per field of law-based administration. Each plugs itself into the
mechanisms and the shell from its own ``AppConfig.ready()`` (see fazhi.registry)."""
