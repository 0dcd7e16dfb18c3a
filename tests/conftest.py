"""Test set-up shared by every rig: headless Qt before any QApplication exists."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
# The kiosk's on-screen keyboard, as in production (must be set before any QApplication exists).
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
