"""`python -m guidecmp`."""

from .cli import main

main()
