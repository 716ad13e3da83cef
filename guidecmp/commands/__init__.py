"""One module per command (as csvkit does): options, help text and output of that command."""
