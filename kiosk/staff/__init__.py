"""The staff side of the terminal without Qt: the PIN, the audit log and the hidden gesture.

The admin screens (kiosk/screens) are built on these; everything here runs and is
tested without a display, so it must never import PySide6 or the rest of kiosk.
"""
