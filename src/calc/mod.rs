//! One module per question. Each exposes a pure function: typed request in (with an explicit
//! `as_of` date where "today" matters), `Outcome` out.

// Steps are built only when the trace keeps them: with tracing off (a CSV batch) neither the
// citation nor the text is composed. The arguments must stay free of side effects and `?`.
// (Defined before the modules so that every calculation module can use them.)
macro_rules! step {
    ($t:expr, $c:expr, $text:expr $(,)?) => {
        if $t.keeps_steps() {
            $t.step($c, $text)
        }
    };
}

/// A step that applies a reading, where the reading is optional (`Option<&str>`); built only
/// when the trace keeps steps.
macro_rules! step_reading {
    ($t:expr, $c:expr, $text:expr, $r:expr $(,)?) => {
        if $t.keeps_steps() {
            match $r {
                Some(r) => $t.step_with_reading($c, $text, r),
                None => $t.step($c, $text),
            }
        }
    };
}

/// A step that applies a reading; built only when the trace keeps steps.
macro_rules! step_with_reading {
    ($t:expr, $c:expr, $text:expr, $r:expr $(,)?) => {
        if $t.keeps_steps() {
            $t.step_with_reading($c, $text, $r)
        }
    };
}

pub mod buyout;
pub mod collection;
pub mod interest;
pub mod late_payment;
pub mod liability;
pub mod outage;
pub mod quote;
pub mod requests;
pub mod termination;

use crate::error::Result;
use crate::law::rates::RateTables;
use crate::report::{Citation, Outcome, Tabular, Trace};
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;

/// What an answer needs besides its own request: the provider files, the statutory rate tables
/// and the date that stands in for "today". The command line's context implements it (loading
/// files on first use); a program using the library can implement it over its own data.
/// `Sync`: a batch answers rows on several threads against one environment.
pub trait Env: Sync {
    /// "Today" where a request gives no `as_of` of its own.
    fn as_of(&self) -> NaiveDate;
    /// One provider by id (exit 2 for an unknown id, 3 for a broken file).
    fn provider(&self, id: &str) -> Result<&Provider>;
    /// The statutory interest rate tables (exit 3 for a broken table).
    fn rate_tables(&self) -> Result<&RateTables>;
}

/// A question termcalc answers: one owned request type per command, which a command line
/// converts its options into and a batch row (CSV or JSON Lines) deserialises straight into,
/// and one answering function for every front end (single call, batch row, quote).
pub trait Question: serde::de::DeserializeOwned + Send + Sync {
    /// The result (JSON from `Serialize`, table and CSV from `Tabular`).
    type Answer: serde::Serialize + Tabular + Send + 'static;
    /// The command that asks the question: `end-date`, `buyout`, ...
    const COMMAND: &'static str;
    /// The rules between fields that clap enforces on the command line (required fields,
    /// conflicts, one field needing another), for requests that did not come through clap.
    /// Errors name the field ([`crate::Error::Field`]).
    fn check(&self) -> Result<()>;
    /// The answer. With `trace` off no steps are built (warnings are kept): for output that
    /// shows no explanation, such as a CSV batch.
    fn answer(&self, env: &dyn Env, trace: bool) -> Result<Outcome<Self::Answer>>;
}

/// The customer type a calculation uses (given, or the provider file's default), as a step, and
/// a warning where the terms are not written for that type. `regardless` ends the warning: what
/// applies to that customer all the same.
pub(crate) fn customer_step(
    t: &mut Trace,
    p: &Provider,
    given: Option<CustomerType>,
    regardless: &str,
) -> CustomerType {
    let customer = p.customer_or_default(given);
    match given {
        Some(c) => step!(
            t,
            Citation::input("customer"),
            format!("Customer type: {c}.")
        ),
        None => step!(
            t,
            p.cite(p.audience.article.as_str()),
            format!(
                "Customer type: {customer} (the default for these terms; no customer type given)."
            ),
        ),
    }
    if !p.audience.customers.contains(&customer) {
        t.warn(format!(
            "The terms of {} are not written for {customer} customers (art. {}); {regardless} applies regardless of the terms.",
            p.display_name(),
            p.audience.article
        ));
    }
    customer
}
