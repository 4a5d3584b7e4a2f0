"""Multi-step processes: templates of steps with groups, dependencies and approvals, run as tasks on a ticket."""
