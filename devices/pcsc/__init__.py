"""PC/SC smart-card readers (pcscd + pyscard) reading identity cards through a card profile."""

from devices.pcsc.reader import CardSession, PcscIdReader

__all__ = ["CardSession", "PcscIdReader"]
