//! The checklist file as written: serde types that mirror the RON text, checked in `load`.

use serde::Deserialize;

use super::model::{AppliesTo, Source};

/// Just enough of a file to read its schema version before anything else.
#[derive(Debug, Deserialize)]
#[serde(rename = "Checklist")]
pub(super) struct SchemaSniff {
    /// 0 when the field is missing (no schema is numbered 0).
    #[serde(default)]
    pub schema_version: u32,
}

/// A checklist file, schema version 1.
#[derive(Debug, Deserialize)]
#[serde(rename = "Checklist", deny_unknown_fields)]
pub(super) struct RawChecklist {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    pub effective_date: String,
    #[serde(default)]
    pub description: String,
    pub sections: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Section", deny_unknown_fields)]
pub(super) struct RawSection {
    pub id: String,
    pub title: String,
    pub items: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct RawItem {
    pub id: String,
    pub text: String,
    pub why: String,
    pub how: String,
    pub source: Source,
    pub verification: RawVerification,
    pub applies_to: AppliesTo,
}

/// Like [`super::Verification`], but with the check id as written, so an unknown id gets a
/// message that names the known ones rather than a serde error.
#[derive(Debug, Deserialize)]
pub(super) enum RawVerification {
    Manual,
    Automatic(String),
    Assisted(String),
}
