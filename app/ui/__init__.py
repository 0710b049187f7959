"""Qt front end. The only package that imports Qt."""
