//! One module per question. Each exposes a pure function: typed request in (with an explicit
//! `as_of` date where "today" matters), `Outcome` out.

pub mod buyout;
pub mod collection;
pub mod interest;
pub mod late_payment;
pub mod liability;
pub mod outage;
pub mod quote;
pub mod termination;

use crate::report::{Citation, Trace};
use crate::terms::{CustomerType, Provider};

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
        Some(c) => t.step(
            Citation::input("--customer"),
            format!("Customer type: {c}."),
        ),
        None => t.step(
            p.cite(&p.audience.article),
            format!(
                "Customer type: {customer} (the default for these terms; --customer not given)."
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
