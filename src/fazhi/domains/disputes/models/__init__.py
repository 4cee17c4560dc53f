from .case import ReconsiderationCase

__all__ = ["ReconsiderationCase"]
