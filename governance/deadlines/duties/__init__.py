"""The producers of deadline occurrences, one function per obligation, grouped by the part of the
partnership's work they belong to. ``governance.deadlines.obligations`` lists them with their sources."""
