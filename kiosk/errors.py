"""Errors the entry point turns into one clear line and a non-zero exit."""


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""
