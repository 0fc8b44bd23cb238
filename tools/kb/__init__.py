"""Knowledge-base build: parsers for the sources in ../shared/data and the build script's helpers."""
