"""The "Banyak perusahaan / Many companies" page: a firm's plan posted from the window."""
