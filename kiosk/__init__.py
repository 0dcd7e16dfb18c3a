"""The Qt application: screens, widgets, staff mode. Draws and forwards; decides nothing."""
