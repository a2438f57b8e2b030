//! The sign-off core, between the front ends (window, command line) and the records: the
//! self-check in progress, the clerk's answers and their draft, the signing rules, and the host
//! (this computer and the time). Both front ends call this; each keeps only its presentation.
//!
//! - [`answers`]: the clerk's answers and the one rule that gives an item its status.
//! - [`answers_file`]: the answers file of `clerkcheck sign --answers FILE`.
//! - [`draft`]: the autosaved draft, and moving a damaged one aside.
//! - [`host`]: this computer's identity and the clock (system or fixed).
//! - [`review`]: the office manager's review of a signed record.
//! - [`self_check`]: the self-check in progress and its pure rules (statuses, counts, progress).
//! - [`signing`]: what must be filled, what may be marked not applicable, the statement, and
//!   building the record.
//! - [`text`]: cleaning and bounding what people type (names, notes).
//! - [`save`]: saving a signed record, then clearing the draft.

pub mod answers;
pub mod answers_file;
pub mod draft;
pub mod host;
pub mod review;
pub mod save;
pub mod self_check;
pub mod signing;
pub mod text;

pub use answers::{Answer, Answers, ItemAnswer, status_of};
pub use draft::{Draft, DraftError};
pub use host::{Clock, Host};
pub use review::{ReviewError, review_record};
pub use save::save_record;
pub use self_check::SelfCheck;
pub use signing::SignError;

#[cfg(test)]
mod tests;
