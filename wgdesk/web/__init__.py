"""The working-group desk: the Django web app, one sub-package per feature."""
