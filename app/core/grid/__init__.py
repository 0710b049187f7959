"""The journal grid's data and rules, without Qt: its table, cells, columns, problems, moves,
paste and clipboard."""
