"""Frameworks a MOps team places itself on: the operating model and its maturity assessment,
MOps personas and the questionnaire that finds them."""
