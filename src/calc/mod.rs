//! One module per question. Each exposes a pure function: typed request in (with an explicit
//! `as_of` date where "today" matters), `Outcome` out.

pub mod buyout;
pub mod collection;
pub mod interest;
pub mod late_payment;
pub mod liability;
pub mod outage;
pub mod quote;
pub mod requests;
pub mod termination;
