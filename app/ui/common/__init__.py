"""What every page of the window shares: running work off the GUI thread, dialogs, banners,
shared words."""
