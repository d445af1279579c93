//! `interest`'s request: [`InterestInput`].

use crate::calc::interest::{parse_claim, parse_payment, DayCount, InterestResult};
use crate::calc::late_payment::{
    check_due_dates, interest_answer, reminder_after_until, resolve_claims, AgreedPer, Claims,
    InterestKind, InterestQuestion,
};
use crate::calc::Env;
use crate::error::{Error, Result};
use crate::law::rates::RateKind;
use crate::report::Outcome;
use crate::terms::CustomerType;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// `interest`: late-payment interest on one or more claims, statutory (art. 6:119, 6:119a BW),
/// by the provider's clause, or at an agreed rate, with partial payments; as a command line or
/// a batch row gives it. Field names are the command's options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct InterestInput {
    /// The amount of one claim (invoice), with `due` (or `invoice-date`).
    #[serde(default, deserialize_with = "field::principal")]
    pub principal: Option<Decimal>,
    /// The last day to pay the one claim; interest starts the next day.
    #[serde(default, deserialize_with = "field::due")]
    pub due: Option<NaiveDate>,
    /// With a provider, instead of `due`: the invoice date; the provider's payment term gives
    /// the due date.
    #[serde(
        default,
        alias = "invoice_date",
        deserialize_with = "field::invoice_date"
    )]
    pub invoice_date: Option<NaiveDate>,
    /// Several claims, each `AMOUNT@DUE-DATE`: a JSON list, or one text separated by `;`.
    #[serde(default, deserialize_with = "field::claim")]
    pub claim: Vec<(Decimal, NaiveDate)>,
    /// The last day of interest, inclusive (`None`: the as-of date).
    #[serde(default, deserialize_with = "field::until")]
    pub until: Option<NaiveDate>,
    /// Statutory interest: consumer (art. 6:119 BW) or commercial (art. 6:119a BW).
    #[serde(default, deserialize_with = "field::kind")]
    pub kind: Option<RateKind>,
    /// The provider whose late-payment clause applies.
    #[serde(default, deserialize_with = "field::provider")]
    pub provider: Option<String>,
    /// With a provider: the customer type (`None`: the provider file's default).
    #[serde(default, deserialize_with = "field::customer")]
    pub customer: Option<CustomerType>,
    /// An agreed rate in percent, per `per`.
    #[serde(default, deserialize_with = "field::rate")]
    pub rate: Option<Decimal>,
    /// The period of the agreed rate.
    #[serde(default, deserialize_with = "field::per")]
    pub per: Option<AgreedPer>,
    /// The agreed rate compounds yearly.
    #[serde(default, deserialize_with = "field::compound")]
    pub compound: bool,
    /// Partial payments, each `DATE=AMOUNT` or `DATE=AMOUNT@N` (N: the 1-based claim; kept
    /// 0-based here): a JSON list, or one text separated by `;`.
    #[serde(default, deserialize_with = "field::payment")]
    pub payment: Vec<(NaiveDate, Decimal, Option<usize>)>,
    /// Costs already owed (no interest); payments go to them first (art. 6:44 BW).
    #[serde(default, deserialize_with = "field::costs")]
    pub costs: Option<Decimal>,
    /// The day the costs fell due.
    #[serde(default, alias = "costs_from", deserialize_with = "field::costs_from")]
    pub costs_from: Option<NaiveDate>,
    /// The day a reminder or demand was received, where the provider's clause counts from it.
    #[serde(default, deserialize_with = "field::reminder")]
    pub reminder: Option<NaiveDate>,
    /// act/365 (`None`, the default) or act/act.
    #[serde(default, alias = "day_count", deserialize_with = "field::day_count")]
    pub day_count: Option<DayCount>,
    /// Refuse (instead of warning) interest past the rate table's coverage.
    #[serde(default, deserialize_with = "field::strict")]
    pub strict: bool,
    /// "Today" for this request; `None`: the caller's as-of date.
    #[serde(default, alias = "as_of", deserialize_with = "field::as_of")]
    pub as_of: Option<NaiveDate>,
}

impl InterestInput {
    /// The rules between fields that clap enforces on the command line (conflicts, one field
    /// needing another), for inputs that did not come through clap. Messages name the fields.
    /// The rules with a more telling message of their own (a customer type, period or
    /// compounding without what they belong to) are [`InterestInput::question`]'s.
    pub fn check(&self) -> Result<()> {
        let conflicts = [
            (
                "principal",
                self.principal.is_some(),
                "claim",
                !self.claim.is_empty(),
                "give one principal with its due date, or claims as AMOUNT@DATE, not both",
            ),
            (
                "invoice-date",
                self.invoice_date.is_some(),
                "due",
                self.due.is_some(),
                "the due date follows from the invoice date and the provider's payment term; give one of them",
            ),
            (
                "kind",
                self.kind.is_some(),
                "provider",
                self.provider.is_some(),
                "statutory interest or the provider's clause, not both",
            ),
            (
                "kind",
                self.kind.is_some(),
                "rate",
                self.rate.is_some(),
                "statutory interest or an agreed rate, not both",
            ),
            (
                "provider",
                self.provider.is_some(),
                "rate",
                self.rate.is_some(),
                "the provider's clause or an agreed rate, not both",
            ),
        ];
        for (a, a_given, b, b_given, why) in conflicts {
            if a_given && b_given {
                return Err(Error::input(format!(
                    "`{a}` cannot be used with `{b}`: {why}"
                )));
            }
        }
        let needs = [
            (
                "due",
                self.due.is_some(),
                "principal",
                self.principal.is_some(),
                "the amount that falls due",
            ),
            (
                "invoice-date",
                self.invoice_date.is_some(),
                "provider",
                self.provider.is_some(),
                "whose payment term gives the due date",
            ),
            (
                "costs-from",
                self.costs_from.is_some(),
                "costs",
                self.costs.is_some(),
                "the costs that fell due that day",
            ),
        ];
        for (a, a_given, b, b_given, what) in needs {
            if a_given && !b_given {
                return Err(Error::input(format!("`{a}` needs `{b}`: {what}")));
            }
        }
        Ok(())
    }

    /// The question as the library asks it: the claims, the kind of interest with the provider
    /// looked up, and the checks between the inputs, in the order the command always made them.
    pub fn question<'e>(&self, env: &'e dyn Env) -> Result<InterestQuestion<'e>> {
        let until = self.until.or(self.as_of).unwrap_or_else(|| env.as_of());
        let claims = match (self.principal, self.due, self.invoice_date) {
            (Some(principal), Some(due), _) => Claims::Due {
                claims: vec![(principal, due)],
                field: "due",
            },
            (Some(principal), None, Some(invoice_date)) => Claims::InvoiceDate {
                principal,
                invoice_date,
            },
            (Some(_), None, None) => {
                return Err(Error::field(
                    "due",
                    "required with a principal: give the last day to pay (or the invoice date, with a provider)",
                ))
            }
            _ if !self.claim.is_empty() => Claims::Due {
                claims: self.claim.clone(),
                field: "claim",
            },
            _ => {
                return Err(Error::field(
                    "principal",
                    "a principal with its due date, or one or more claims as AMOUNT@DATE, is required: name the amount owed and its due date",
                ))
            }
        };
        let invoice_provider = match (&claims, self.provider.as_deref()) {
            (Claims::InvoiceDate { .. }, Some(id)) => Some(env.provider(id)?),
            _ => None,
        };
        {
            let (claims_in, field, _) = resolve_claims(&claims, invoice_provider, false)?;
            check_due_dates(&claims_in, field, until)?;
        }
        if self.kind.is_none() && self.provider.is_none() && self.rate.is_none() {
            return Err(Error::field(
                "kind",
                "say which interest applies: a kind (consumer for art. 6:119 BW, commercial for art. 6:119a BW), a provider whose clause applies, or an agreed rate with its period (per year or per month)",
            ));
        }
        if self.rate.is_some() && self.per.is_none() {
            return Err(Error::field(
                "per",
                "required with an agreed rate: say whether the rate is per year or per month",
            ));
        }
        self.check_combinations()?;
        let kind = if let Some(kind) = self.kind {
            InterestKind::Statutory(kind)
        } else if let Some(id) = &self.provider {
            InterestKind::Provider {
                provider: env.provider(id)?,
                customer: self.customer,
                reminder: self.reminder,
            }
        } else {
            InterestKind::Agreed {
                rate: self.rate.unwrap_or(Decimal::ZERO),
                per: self.per.unwrap_or(AgreedPer::Year),
                compound: self.compound,
            }
        };
        if self.reminder.is_some() && self.provider.is_none() {
            return Err(Error::field(
                "reminder",
                "only used with a provider, whose clause may count from a reminder; leave it out or name the provider",
            ));
        }
        Ok(InterestQuestion {
            claims,
            until,
            payments: self.payment.clone(),
            costs: self.costs.unwrap_or(Decimal::ZERO),
            costs_from: self.costs_from,
            day_count: self.day_count.unwrap_or(DayCount::Act365),
            strict: self.strict,
            kind,
        })
    }

    /// Inputs that belong to another input and would otherwise be ignored without a word (clap
    /// does not check `requires` once a conflicting option is present): a customer type
    /// without a provider, a period or compounding without an agreed rate. E.g. a commercial
    /// kind with a consumer customer applied the commercial rate to a consumer.
    pub fn check_combinations(&self) -> Result<()> {
        if self.provider.is_none() {
            if let Some(c) = self.customer {
                if c == CustomerType::Consumer && self.kind == Some(RateKind::Commercial) {
                    return Err(Error::field(
                        "kind",
                        "commercial contradicts the consumer customer type: the commercial rate (art. 6:119a BW) is for transactions between businesses; a consumer owes the statutory rate of art. 6:119 BW (kind consumer)",
                    ));
                }
                return Err(Error::field(
                    "customer",
                    format!(
                        "only used with a provider (it picks the clause's rules for that customer type); without a provider, say which rate applies with the kind consumer or commercial, or leave out the customer type {c}"
                    ),
                ));
            }
        }
        if self.rate.is_none() {
            if self.per.is_some() {
                return Err(Error::field(
                    "per",
                    "only used with an agreed rate; statutory and provider rates are per year by their article",
                ));
            }
            if self.compound {
                return Err(Error::field(
                    "compound",
                    "only used with an agreed rate; statutory interest compounds yearly by law (art. 6:119 lid 2 BW) and a provider's clause says itself whether it compounds",
                ));
            }
        }
        Ok(())
    }

    /// The answer. With `trace` off no steps and no interest periods are kept (the warnings
    /// are): for output that shows no explanation, such as a CSV batch.
    pub fn answer(&self, env: &dyn Env, trace: bool) -> Result<Outcome<InterestResult>> {
        let q = self.question(env)?;
        let tables = env.rate_tables()?;
        let mut outcome = interest_answer(&q, tables, trace)?;
        outcome
            .warnings
            .extend(reminder_after_until(self.reminder, q.until));
        Ok(outcome)
    }
}

impl crate::calc::Question for InterestInput {
    type Answer = InterestResult;
    const COMMAND: &'static str = "interest";

    fn check(&self) -> Result<()> {
        InterestInput::check(self)
    }

    fn answer(&self, env: &dyn Env, trace: bool) -> Result<Outcome<InterestResult>> {
        InterestInput::answer(self, env, trace)
    }
}

/// serde glue for [`InterestInput`]'s fields (see [`super::field`]).
mod field {
    use super::super::field::{fields, switch, with};
    use super::*;
    use crate::calendar::parse_date;
    use serde::de::{self, Deserializer, SeqAccess, Visitor};
    use std::fmt;

    fields! {
        principal: "principal" => Option<Decimal>, crate::money::parse_positive;
        due: "due" => Option<NaiveDate>, parse_date;
        invoice_date: "invoice-date" => Option<NaiveDate>, parse_date;
        until: "until" => Option<NaiveDate>, parse_date;
        kind: "kind" => Option<RateKind>, |s: &str| s.parse::<RateKind>();
        provider: "provider" => Option<String>, |s: &str| Ok(s.to_string());
        customer: "customer" => Option<CustomerType>, |s: &str| s.parse::<CustomerType>();
        rate: "rate" => Option<Decimal>, crate::calc::interest::parse_percent;
        per: "per" => Option<AgreedPer>, |s: &str| s.parse::<AgreedPer>();
        costs: "costs" => Option<Decimal>, crate::money::parse_non_negative;
        costs_from: "costs-from" => Option<NaiveDate>, parse_date;
        reminder: "reminder" => Option<NaiveDate>, parse_date;
        day_count: "day-count" => Option<DayCount>, |s: &str| s.parse::<DayCount>();
        as_of: "as-of" => Option<NaiveDate>, parse_date;
    }

    pub fn compound<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "compound")
    }

    pub fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        switch(d, "strict")
    }

    pub fn claim<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Decimal, NaiveDate)>, D::Error> {
        list(d, "claim", parse_claim)
    }

    pub type PaymentItem = (NaiveDate, Decimal, Option<usize>);

    pub fn payment<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PaymentItem>, D::Error> {
        list(d, "payment", parse_payment)
    }

    /// A repeatable field: a JSON list of texts, or one text whose items are separated by `;`
    /// (a CSV cell `a;b`); each item read by `p`, the parser of the command-line option. Empty
    /// items are skipped; null or an empty text is no item.
    fn list<'de, D: Deserializer<'de>, T>(
        d: D,
        name: &'static str,
        p: fn(&str) -> std::result::Result<T, String>,
    ) -> Result<Vec<T>, D::Error> {
        struct List<T> {
            name: &'static str,
            parse: fn(&str) -> std::result::Result<T, String>,
        }
        impl<T> List<T> {
            fn items<E: de::Error>(&self, v: &str, out: &mut Vec<T>) -> Result<(), E> {
                for item in v.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    out.push(
                        (self.parse)(item)
                            .map_err(|e| E::custom(format!("`{}`: {e}", self.name)))?,
                    );
                }
                Ok(())
            }
        }
        impl<'de, T> Visitor<'de> for List<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(
                    f,
                    "a list of {} values, or one text separated by `;`",
                    self.name
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
                let mut out = Vec::new();
                self.items(v, &mut out)?;
                Ok(out)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
                Ok(Vec::new())
            }
            fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
                Ok(Vec::new())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<Item>()? {
                    if let Some(text) = item.0 {
                        self.items(&text, &mut out)?;
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_any(List { name, parse: p })
    }

    /// One item of a JSON list: a text (a number is taken as written; null is no item).
    struct Item(Option<String>);

    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Item(with(d, "item", |s| Ok(s.to_string()))?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn parse(json: &str) -> std::result::Result<InterestInput, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn json_with_either_spelling_deserialises() {
        let a = parse(
            r#"{"principal":"1000","due":"2023-02-28","until":"2025-06-30","kind":"commercial","day_count":"act/act","costs":12.5,"costs-from":"2024-01-01","strict":"yes","as_of":"2025-07-01"}"#,
        )
        .unwrap();
        assert_eq!(a.principal, Some(dec!(1000)));
        assert_eq!(a.due, Some(d("2023-02-28")));
        assert_eq!(a.kind, Some(RateKind::Commercial));
        assert_eq!(a.day_count, Some(DayCount::ActAct));
        assert_eq!(a.costs, Some(dec!(12.5)));
        assert_eq!(a.costs_from, Some(d("2024-01-01")));
        assert!(a.strict);
        assert_eq!(a.as_of, Some(d("2025-07-01")));
        let b = parse(
            r#"{"provider":"compri","invoice_date":"2025-03-01","principal":250,"customer":"Business","reminder":"2025-03-10","rate":null}"#,
        )
        .unwrap();
        assert_eq!(b.provider.as_deref(), Some("compri"));
        assert_eq!(b.invoice_date, Some(d("2025-03-01")));
        assert_eq!(b.customer, Some(CustomerType::Business));
        assert_eq!(b.rate, None);
        let c = parse(r#"{"rate":"8,5","per":"month","compound":true,"claim":"5@2025-01-01"}"#)
            .unwrap();
        assert_eq!(c.rate, Some(dec!(8.5)));
        assert_eq!(c.per, Some(AgreedPer::Month));
        assert!(c.compound);
    }

    /// `claim` and `payment`: a list, or one text split on `;` (a CSV cell), each item read by
    /// the option's own parser; blanks between separators are skipped.
    #[test]
    fn repeatable_fields_take_a_list_or_a_separated_text() {
        let want_claims = vec![(dec!(500), d("2025-01-31")), (dec!(300), d("2025-02-28"))];
        let want_payments = vec![
            (d("2025-06-30"), dec!(400), None),
            (d("2025-07-31"), dec!(10), Some(1)),
        ];
        let a = parse(
            r#"{"claim":["500@2025-01-31","300@2025-02-28"],"payment":["2025-06-30=400","2025-07-31=10@2"]}"#,
        )
        .unwrap();
        assert_eq!(a.claim, want_claims);
        assert_eq!(a.payment, want_payments);
        let b = parse(
            r#"{"claim":"500@2025-01-31; 300@2025-02-28;","payment":"2025-06-30=400;2025-07-31=10@2"}"#,
        )
        .unwrap();
        assert_eq!(b.claim, want_claims);
        assert_eq!(b.payment, want_payments);
        let c = parse(r#"{"claim":"","payment":null}"#).unwrap();
        assert!(c.claim.is_empty() && c.payment.is_empty());
    }

    #[test]
    fn bad_values_name_the_field_with_the_parsers_sentence() {
        let e = parse(r#"{"claim":"500@2025-01-31;300"}"#).unwrap_err();
        let want = parse_claim("300").unwrap_err();
        assert!(e.starts_with(&format!("`claim`: {want}")), "{e}");
        let e = parse(r#"{"payment":["2025-06-30=400@0"]}"#).unwrap_err();
        assert!(e.starts_with("`payment`: '0' is not a claim number"), "{e}");
        let e = parse(r#"{"principal":"-5"}"#).unwrap_err();
        assert!(e.starts_with("`principal`: "), "{e}");
        let e = parse(r#"{"rate":"100"}"#).unwrap_err();
        assert!(e.starts_with("`rate`: '100' is not a usable rate"), "{e}");
        let e = parse(r#"{"per":"week"}"#).unwrap_err();
        assert!(e.starts_with("`per`: 'week' is not a period"), "{e}");
        let e = parse(r#"{"day-count":"30/360"}"#).unwrap_err();
        assert!(
            e.starts_with("`day-count`: '30/360' is not a day count"),
            "{e}"
        );
        let e = parse(r#"{"kind":"civil"}"#).unwrap_err();
        assert!(e.starts_with("`kind`: 'civil' is not a kind"), "{e}");
        let e = parse(r#"{"compound":"maybe"}"#).unwrap_err();
        assert!(
            e.starts_with("`compound`: `maybe` is not a yes/no value"),
            "{e}"
        );
        assert!(parse(r#"{"colour":"red"}"#).is_err());
    }

    #[test]
    fn field_rules_name_the_fields() {
        let ok = InterestInput {
            principal: Some(dec!(100)),
            due: Some(d("2025-01-31")),
            kind: Some(RateKind::Consumer),
            ..Default::default()
        };
        assert!(ok.check().is_ok());
        let msg = |i: InterestInput| i.check().unwrap_err().to_string();
        assert!(msg(InterestInput {
            claim: vec![(dec!(1), d("2025-01-01"))],
            ..ok.clone()
        })
        .starts_with("`principal` cannot be used with `claim`"));
        assert!(msg(InterestInput {
            invoice_date: Some(d("2025-01-01")),
            provider: Some("compri".into()),
            kind: None,
            ..ok.clone()
        })
        .starts_with("`invoice-date` cannot be used with `due`"));
        assert!(msg(InterestInput {
            provider: Some("compri".into()),
            ..ok.clone()
        })
        .starts_with("`kind` cannot be used with `provider`"));
        assert!(msg(InterestInput {
            rate: Some(dec!(8)),
            ..ok.clone()
        })
        .starts_with("`kind` cannot be used with `rate`"));
        assert!(msg(InterestInput {
            kind: None,
            provider: Some("compri".into()),
            rate: Some(dec!(8)),
            ..ok.clone()
        })
        .starts_with("`provider` cannot be used with `rate`"));
        assert!(msg(InterestInput {
            principal: None,
            claim: vec![(dec!(1), d("2025-01-01"))],
            ..ok.clone()
        })
        .starts_with("`due` needs `principal`"));
        assert!(msg(InterestInput {
            due: None,
            invoice_date: Some(d("2025-01-01")),
            ..ok.clone()
        })
        .starts_with("`invoice-date` needs `provider`"));
        assert!(msg(InterestInput {
            costs_from: Some(d("2025-01-01")),
            ..ok.clone()
        })
        .starts_with("`costs-from` needs `costs`"));
    }

    /// The rules with their own message: each names its field, and none names an option.
    #[test]
    fn combinations_name_the_field_without_options() {
        let ok = InterestInput {
            principal: Some(dec!(100)),
            due: Some(d("2025-01-31")),
            kind: Some(RateKind::Commercial),
            ..Default::default()
        };
        let err = |i: InterestInput| i.check_combinations().unwrap_err();
        let e = err(InterestInput {
            customer: Some(CustomerType::Consumer),
            ..ok.clone()
        });
        assert!(matches!(e, Error::Field { field: "kind", .. }), "{e}");
        let e = err(InterestInput {
            customer: Some(CustomerType::Business),
            ..ok.clone()
        });
        assert!(
            matches!(
                e,
                Error::Field {
                    field: "customer",
                    ..
                }
            ),
            "{e}"
        );
        let e = err(InterestInput {
            per: Some(AgreedPer::Year),
            ..ok.clone()
        });
        assert!(matches!(e, Error::Field { field: "per", .. }), "{e}");
        let e = err(InterestInput {
            compound: true,
            ..ok.clone()
        });
        assert!(
            matches!(
                e,
                Error::Field {
                    field: "compound",
                    ..
                }
            ),
            "{e}"
        );
        assert!(!e.to_string().contains("--"), "{e}");
    }
}
