"""The enforcement stages of the Ezhou 2019 scenario (``fazhi demo``), orders 230–239."""
