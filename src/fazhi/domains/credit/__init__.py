"""Credit supervision (信用监管): credit records per entity, joint reward and punishment, and
credit repair (信用修复, 谁认定、谁修复)."""
