"""The improvement plan: areas of weakness, actions, milestones, evidence, reviews."""
