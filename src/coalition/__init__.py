"""Coalition: an open platform for national education coalitions."""

__version__ = "0.1.0"
