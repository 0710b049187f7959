"""The journal page: the grid where entries are typed or imported, its import side, its files,
drafts and account mapping."""
