"""The app's routers, one small module per area."""
