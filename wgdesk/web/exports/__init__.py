"""Exports through the policy: minutes as PDF and Markdown, action items as CSV, iCal feeds."""
