"""Stage 2: reading metadata off the parsed page, stripping chrome, extracting the body."""
