"""One module per `leansharp` command; each exposes `command`."""
