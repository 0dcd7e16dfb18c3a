"""ID-card readers: GA 467 SAM serial driver, simulator, and the shared record and decoders."""

from devices.idcard.ga467_reader import Ga467Reader
from devices.idcard.reader import IdCardReader
from devices.idcard.record import IdentityRecord
from devices.idcard.simulator import SimulatedIdCardReader

__all__ = ["Ga467Reader", "IdCardReader", "IdentityRecord", "SimulatedIdCardReader"]
