//! termcalc: answers from the general terms of Dutch telecom and VoIP providers, and from the
//! Dutch law that overrides them, when a contract ends, what leaving early costs, how much
//! late-payment interest and collection costs are owed, and up to what amount the provider is
//! liable. Every figure comes with the steps and articles that produced it.
//!
//! The library is pure: calculations take typed inputs and an explicit `as_of` date and return
//! an [`report::Outcome`]; they never read the clock, the file system or print.

pub mod calc;
pub mod calendar;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod law;
pub mod money;
pub mod report;
pub mod terms;

pub use error::{Error, Result};
