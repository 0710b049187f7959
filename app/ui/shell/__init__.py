"""The application and its main window: menus, sidebar, settings flow and the questions asked
before quitting."""
