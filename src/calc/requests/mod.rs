//! Owned, serde-deserialisable requests: the one input type of each question, whatever the
//! front end (issue 11). A command line converts its clap arguments into the request; a batch row
//! (CSV or JSON Lines) deserialises straight into it. Field names are the batch column names
//! (kebab-case, with the snake_case spellings as aliases).
//!
//! Values are read by the library's own parsers (`calendar::parse_date`, `CustomerType`'s
//! `FromStr`, ...), so a bad value gets the same sentence as on the command line; the message
//! starts with the field's name in backticks (`` `notice`: ... ``), which a batch row shows as is.
//! One module per question; each request implements [`crate::calc::Question`].

mod buyout;
mod collection;
mod end_date;
mod interest;
mod liability;
mod outage;
mod quote;

pub use buyout::BuyoutInput;
pub use collection::CollectionInput;
pub use end_date::EndDateInput;
pub use interest::InterestInput;
pub use liability::LiabilityInput;
pub use outage::OutageInput;
pub use quote::QuoteInput;

use crate::calc::termination::CHANGE_KINDS;
use crate::terms::termination::{SpecialKind, MAX_MONTHS};

/// Value parsers shared by the command line and the request fields.
pub mod parse {
    use super::*;

    /// A number of months for an initial term: 1 to `MAX_MONTHS`.
    pub fn term_months(s: &str) -> std::result::Result<u32, String> {
        let shown = crate::error::echo(s);
        let max = MAX_MONTHS;
        match s.trim().parse::<i64>() {
            Ok(n) if n >= 1 && n <= i64::from(max) => Ok(n as u32),
            Ok(n) => Err(format!(
                "{n} is not a possible term; use a whole number of months from 1 to {max}"
            )),
            Err(_) => Err(format!(
                "'{shown}' is not a number of months; use a whole number of months from 1 to {max}, e.g. 12"
            )),
        }
    }

    /// A change kind with a special termination right.
    pub fn change_kind(s: &str) -> std::result::Result<SpecialKind, String> {
        let shown = crate::error::echo(s);
        let k = s.trim().to_ascii_lowercase().replace('-', "_");
        CHANGE_KINDS
            .iter()
            .copied()
            .find(|c| c.as_str() == k)
            .ok_or_else(|| {
                format!(
                    "'{shown}' is not a change kind; use price_increase, terms_change or service_change"
                )
            })
    }

    /// A date and time to the minute, `YYYY-MM-DDTHH:MM` (local time), e.g. an outage's start.
    pub fn datetime(s: &str) -> std::result::Result<chrono::NaiveDateTime, String> {
        let shown = crate::error::echo(s);
        let t = s.trim();
        let b = t.as_bytes();
        let ok_shape = b.len() == 16 && b[10] == b'T' && b[13] == b':';
        let parsed = ok_shape
            .then(|| {
                let date = crate::calendar::parse_date(&t[..10]).ok()?;
                let hour: u32 = t[11..13].parse().ok().filter(|_| b[11].is_ascii_digit())?;
                let minute: u32 = t[14..16].parse().ok().filter(|_| b[14].is_ascii_digit())?;
                date.and_hms_opt(hour, minute, 0)
            })
            .flatten();
        parsed.ok_or_else(|| {
            format!("'{shown}' is not a date and time: use YYYY-MM-DDTHH:MM, e.g. 2025-03-03T08:00")
        })
    }

    /// A number of hours, 0 or more, to at most four decimals (an outage's length).
    pub fn hours(s: &str) -> std::result::Result<rust_decimal::Decimal, String> {
        let shown = crate::error::echo(s);
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let v = crate::money::parse_decimal(body).map_err(|_| {
            format!("'{shown}' is not a number of hours: use digits with an optional decimal point, e.g. 26 or 26.5")
        })?;
        if v.normalize().scale() > 4 {
            return Err(format!(
                "'{shown}' has more than four decimals: give hours such as 26.5, or the start and end to the minute"
            ));
        }
        if neg && !v.is_zero() {
            return Err(format!(
                "'{shown}' is negative: give the outage's length in hours, 0 or more, e.g. 26"
            ));
        }
        Ok(v)
    }

    /// A yes/no value as a batch cell gives it (`true`, `yes`, `1`, `false`, `no`, `0`).
    pub fn yes_no(s: &str) -> std::result::Result<bool, String> {
        crate::error::keyword(
            s,
            &[
                ("true", true),
                ("yes", true),
                ("1", true),
                ("false", false),
                ("no", false),
                ("0", false),
            ],
        )
        .ok_or_else(|| {
            format!(
                "`{}` is not a yes/no value; use true or false",
                crate::error::echo(s.trim())
            )
        })
    }
}

/// serde glue shared by the requests: every field is read as text (a string, or a JSON number or
/// boolean as written) and handed, without copying, to the same parser the command line uses;
/// an empty value or `null` is "not given". A request module declares its fields with
/// [`fields!`] or [`with`].
pub(crate) mod field {
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// Parses the field's text with `p`, naming the field in the message (`` `notice`: ... ``);
    /// `None` when the value is empty (after trimming) or null.
    pub fn with<'de, D: Deserializer<'de>, T>(
        d: D,
        name: &'static str,
        p: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, D::Error> {
        struct Text<T, P> {
            name: &'static str,
            parse: P,
            out: PhantomData<T>,
        }
        impl<T, P: Fn(&str) -> Result<T, String>> Text<T, P> {
            fn parse<E: de::Error>(&self, v: &str) -> Result<Option<T>, E> {
                let v = v.trim();
                if v.is_empty() {
                    return Ok(None);
                }
                (self.parse)(v)
                    .map(Some)
                    .map_err(|e| E::custom(format!("`{}`: {e}", self.name)))
            }
        }
        impl<'de, T, P: Fn(&str) -> Result<T, String>> Visitor<'de> for Text<T, P> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or true/false")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                self.parse(v)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                self.parse(if v { "true" } else { "false" })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.parse(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.parse(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                self.parse(&v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_any(Text {
            name,
            parse: p,
            out: PhantomData,
        })
    }

    /// `fields! { start: "start" => Option<NaiveDate>, parse_date; ... }` declares one
    /// `deserialize_with` function per field: the field's text parsed by the given parser.
    macro_rules! fields {
        ($($fn:ident: $name:literal => $ty:ty, $parse:expr;)*) => {$(
            pub fn $fn<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                with(d, $name, $parse)
            }
        )*};
    }
    pub(crate) use fields;

    /// A provider id as given (required-ness is the request's `check`).
    pub fn provider<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(with(d, "provider", |s| Ok(s.to_string()))?.unwrap_or_default())
    }

    /// A yes/no switch (`true`, `yes`, `1`, `false`, `no`, `0`); absent is `false`.
    pub fn switch<'de, D: Deserializer<'de>>(d: D, name: &'static str) -> Result<bool, D::Error> {
        Ok(with(d, name, super::parse::yes_no)?.unwrap_or(false))
    }

    /// A repeatable field (an option given several times on the command line): a JSON array
    /// whose items are each read as [`with`] reads one value, or one text holding several
    /// values separated by `;` (a CSV cell `1250.00;80.50`). Empty items are skipped; absent,
    /// `null` or empty is an empty list.
    pub fn list<'de, D: Deserializer<'de>, T>(
        d: D,
        name: &'static str,
        p: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Vec<T>, D::Error> {
        struct Items<T, P> {
            name: &'static str,
            parse: P,
            out: PhantomData<T>,
        }
        impl<T, P: Fn(&str) -> Result<T, String>> Items<T, P> {
            fn split<E: de::Error>(&self, v: &str) -> Result<Vec<T>, E> {
                v.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        (self.parse)(s).map_err(|e| E::custom(format!("`{}`: {e}", self.name)))
                    })
                    .collect()
            }
        }
        /// One item of a JSON array: a single value, parsed as [`with`] does.
        struct Item<'p, T, P> {
            name: &'static str,
            parse: &'p P,
            out: PhantomData<T>,
        }
        impl<'de, T, P: Fn(&str) -> Result<T, String>> de::DeserializeSeed<'de> for Item<'_, T, P> {
            type Value = Option<T>;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                with(d, self.name, self.parse)
            }
        }
        impl<'de, T, P: Fn(&str) -> Result<T, String>> Visitor<'de> for Items<T, P> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of values, or one string with values separated by ';'")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                self.split(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.split(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.split(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                self.split(&v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                self.split(if v { "true" } else { "false" })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element_seed(Item {
                    name: self.name,
                    parse: &self.parse,
                    out: PhantomData,
                })? {
                    out.extend(item);
                }
                Ok(out)
            }
        }
        d.deserialize_any(Items {
            name,
            parse: p,
            out: PhantomData,
        })
    }
}
