//! Windows: pure parsers and rules.
