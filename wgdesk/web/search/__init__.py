"""Full-text search over every record a member may see, in Korean and English."""
