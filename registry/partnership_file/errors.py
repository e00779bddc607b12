"""The one error a partnership file raises: the file is refused whole, and its message says why."""


class PartnershipFileError(ValueError):
    """The file is not a valid partnership; the message lists each bad entry and why, in one pass."""
