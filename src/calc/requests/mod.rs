//! Owned, serde-deserialisable requests: the one input type of each question, whatever the
//! front end (issue 11). A command line converts its clap arguments into the request; a batch row
//! (CSV or JSON Lines) deserialises straight into it. Field names are the batch column names
//! (kebab-case, with the snake_case spellings as aliases).
//!
//! Values are read by the library's own parsers (`calendar::parse_date`, `CustomerType`'s
//! `FromStr`, ...), so a bad value gets the same sentence as on the command line; the message
//! starts with the field's name in backticks (`` `notice`: ... ``), which a batch row shows as is.
//! One module per question; each request implements [`crate::calc::Question`].

mod end_date;
mod interest;

pub use end_date::EndDateInput;
pub use interest::InterestInput;

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

    /// A yes/no value as a batch cell gives it (`true`, `yes`, `1`, `false`, `no`, `0`).
    pub fn yes_no(s: &str) -> std::result::Result<bool, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(format!(
                "`{}` is not a yes/no value; use true or false",
                crate::error::echo(s.trim())
            )),
        }
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
}
