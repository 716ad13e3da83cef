"""`python -m guidecmp` runs the command line."""

from .cli import app

app(prog_name="guidecmp")
