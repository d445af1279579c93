//! End dates: initial term, tacit renewal, notice periods, alignment, and the mandatory law for
//! end-users (end-date issue). The buyout calculation builds on `end_date`.

use crate::error::{Error, Result};
use crate::report::{Field, Outcome, Tabular};
use crate::terms::{CustomerType, Provider};
use chrono::NaiveDate;
use serde::Serialize;

/// The question "if the notice arrives on this day, when does the contract end?".
#[derive(Debug, Clone)]
pub struct EndDateRequest<'a> {
    pub provider: &'a Provider,
    /// First day of the term (delivery / ready for service), where the rules need it.
    pub start: Option<NaiveDate>,
    /// The day the provider receives the notice.
    pub notice: NaiveDate,
    /// The initial term agreed in the contract, where it differs from the terms' default.
    pub term_months: Option<u32>,
    /// `None`: the provider file's default customer type.
    pub customer: Option<CustomerType>,
    /// Service kind where the terms differ per service (e.g. Compri's DSL).
    pub service: Option<String>,
    /// "Today".
    pub as_of: NaiveDate,
}

/// The answer. JSON keys are part of the output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndDateResult {
    /// Last day the contract is in force.
    pub end_date: NaiveDate,
    /// Whether the notice was in time for the current period.
    pub notice_timely: bool,
    /// Last day of the period running on the notice date.
    pub current_period_end: NaiveDate,
    /// Last day a notice could arrive to end the contract at `current_period_end`.
    pub notice_deadline: NaiveDate,
    /// `"terms"`, or the statute that overrode them.
    pub regime: String,
    /// The end date the terms alone would give.
    pub as_written_end_date: NaiveDate,
    /// Last day of the initial term, where known.
    pub initial_term_end: Option<NaiveDate>,
    pub customer: CustomerType,
}

impl Tabular for EndDateResult {
    fn fields(&self) -> Vec<Field> {
        vec![
            Field::new("end_date", "Last day in force", self.end_date),
            Field::new("notice_timely", "Notice in time", self.notice_timely),
        ]
    }
}

/// Works out the end date for a notice.
pub fn end_date(req: &EndDateRequest) -> Result<Outcome<EndDateResult>> {
    let _ = req;
    Err(Error::input("end-date is not implemented yet"))
}
