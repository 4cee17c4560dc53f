STAGES: list = []
