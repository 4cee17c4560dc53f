"""The steps of the handled penalty case beyond its skeleton (``..workflow``), one module per
stage: the hearing (陈述申辩、听证), discretion (裁量), the decision's conditions (法制审核与告知的
顺序、集体讨论), the other outcomes (不予处罚、移送) and execution (送达、缴纳、强制执行)."""
