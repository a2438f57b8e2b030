//! macOS: pure parsers and rules.
