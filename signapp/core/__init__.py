"""The domain and the store of signapp. Plain Python: no Qt is imported here."""
