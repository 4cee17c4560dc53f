"""行政应诉: lawsuits against a department or the government, their instances and hearings with
who appeared for the agency, judicial suggestions, and the quarterly appearance bulletin."""
