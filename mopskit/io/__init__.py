"""The ground floor for files: one table and workbook reader with its
cell parsers, one YAML loader, one way to write.

Every user file and content file is read here, so each protection (encodings, header rows,
decimal commas, dates, duplicate keys, formula cells) is written once and applies everywhere.
"""
