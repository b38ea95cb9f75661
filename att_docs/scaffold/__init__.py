"""Scaffolding: a new paper folder (att-docs new) and a new conference (new-conference)."""
