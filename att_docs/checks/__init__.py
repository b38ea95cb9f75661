"""Bilingual and monolingual checks: findings with stable ids, severities and locations."""
