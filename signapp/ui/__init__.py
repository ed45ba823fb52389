"""The Qt desktop interface. It calls signapp.core and holds no SQL."""
