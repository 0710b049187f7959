"""Use cases above the services and the profiles: the credentials wizard (adding a company)
and connecting a saved company. Plain Python, no Qt: the command line and the window share it."""
