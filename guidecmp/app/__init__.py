"""Running guidecmp on files: options, inputs, workers, cache and atomic files; the API the commands call."""
