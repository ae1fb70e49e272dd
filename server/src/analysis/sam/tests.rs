//! Unit tests of the SAM analysis.
