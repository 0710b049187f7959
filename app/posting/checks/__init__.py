"""What is checked against the company before anything is sent: branches, closing date, master
data, length limits."""
