"""Email notifications: new action items, due-date reminders, minutes awaiting approval."""
