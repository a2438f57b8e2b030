//! The election calendar and what is due before each election.
//!
//! - [`wisconsin`]: Wisconsin's regular elections, computed from the statutes (never typed in).
//! - [`special`]: the office's own special elections, from `elections.ron` in the data folder.
//! - [`due`]: given today, the elections and the office's sign-offs, whether a sign-off is due,
//!   which elections are covered, and how long since the last sign-off.
//! - [`model`]: elections and election days; [`days`]: merging them into the office's calendar.
//! - [`office`]: everything the front ends need, read in one place; [`records`]: the sign-offs.
//! - [`window`]: the policy's window (how many days before an election a sign-off counts).
//!
//! Everything here is pure except reading `elections.ron`: no clock is read ("today" is always
//! passed in, as a date in the clerk's local time) and nothing here knows about the UI.

pub mod days;
pub mod due;
pub mod model;
pub mod office;
pub mod records;
pub mod special;
pub mod window;
pub mod wisconsin;

pub use crate::policy::{deserialize_window_days, validate_window_days};
pub use days::election_days;
pub use due::{
    DueReport, DueStatus, ElectionStatus, SignOffDate, days_ago_words, due, election_preceded_by,
    in_days_words,
};
pub use model::{Election, ElectionDay, ElectionKind, long_date};
pub use office::{OfficeCalendar, Schedule};
pub use records::{NotCounted, SignoffScan, signoffs_in};
pub use special::{ElectionsFileError, parse_elections, read_elections_file};
pub use window::{DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, window_opens};
pub use wisconsin::regular_elections;
