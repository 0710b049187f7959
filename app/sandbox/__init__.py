"""A local server that behaves like Accurate Online and Sempoa, for demo mode and tests."""
