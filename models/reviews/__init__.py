"""Review cycles: self-assessments, peer reviews, manager reviews and the final score."""
