"""signapp: coordinate joint statements and publish their signatory lists."""

__version__ = "0.1.0"
