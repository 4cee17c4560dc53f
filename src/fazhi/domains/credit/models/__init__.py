from .records import CreditRecord
from .repair import RepairRequest

__all__ = ["CreditRecord", "RepairRequest"]
