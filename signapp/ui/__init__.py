"""The desktop application (PySide6). Calls signapp.core; holds no SQL."""
