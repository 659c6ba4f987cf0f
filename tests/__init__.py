"""patentwatch test suite."""
