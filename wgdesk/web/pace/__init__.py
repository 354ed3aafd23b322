"""The pace chart: items opened and closed and decisions made, per track and month."""
