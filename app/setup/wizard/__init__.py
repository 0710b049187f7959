"""The credentials wizard: how an accountant connects a company once. Plain Python, no Qt."""
