//! Amounts of money: parsing from the command line and from provider files, rounding (half away
//! from zero, to cents) and formatting with two decimals.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serializer};

/// The largest amount accepted anywhere (10^15 euro): far above any real claim, far below the
/// point where `Decimal` arithmetic with rates and day counts could overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Rounds half away from zero to whole cents: the one rounding rule of termcalc.
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats an amount with exactly two decimals and `.` as decimal point, no separators.
/// The value is rounded to cents first (half away from zero).
pub fn fmt_amount(value: Decimal) -> String {
    let mut s = String::with_capacity(16);
    write_amount(&mut s, value);
    s
}

/// Appends [`fmt_amount`]'s text to `out` (for exporters that write many amounts).
pub fn write_amount(out: &mut String, value: Decimal) {
    // Most amounts already have at most two decimals: their cents are the mantissa scaled up,
    // with no rounding to do (and no Decimal arithmetic).
    if value.scale() <= 2 {
        let m = value.mantissa()
            * if value.scale() == 2 {
                1
            } else {
                10i128.pow(2 - value.scale())
            };
        if let Ok(c) = i64::try_from(m) {
            if c < 0 {
                out.push('-');
            }
            let c = c.unsigned_abs();
            push_digits(out, c / 100);
            let frac = (c % 100) as u8;
            out.push('.');
            out.push(char::from(b'0' + frac / 10));
            out.push(char::from(b'0' + frac % 10));
            return;
        }
    }
    let mut rounded = round_cents(value);
    rounded.rescale(2);
    // A negative amount that rounds to zero prints as 0.00, never "-0.00".
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    if rounded.scale() != 2 {
        // Beyond 28 digits `rescale` cannot reach two decimals; print what there is.
        out.push_str(&rounded.to_string());
        return;
    }
    let m = rounded.mantissa();
    if m < 0 {
        out.push('-');
    }
    let cents = m.unsigned_abs();
    // Almost every amount fits 64 bits, whose division is far cheaper than 128-bit division.
    let frac = match u64::try_from(cents) {
        Ok(c) => {
            push_digits(out, c / 100);
            (c % 100) as u8
        }
        Err(_) => {
            let mut digits = [0u8; 40];
            let mut i = digits.len();
            let mut whole = cents / 100;
            loop {
                i -= 1;
                digits[i] = b'0' + (whole % 10) as u8;
                whole /= 10;
                if whole == 0 {
                    break;
                }
            }
            out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
            (cents % 100) as u8
        }
    };
    out.push('.');
    out.push(char::from(b'0' + frac / 10));
    out.push(char::from(b'0' + frac % 10));
}

/// The decimal digits of `n`, written into `buf` (for writers that print many numbers).
pub fn digits(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
}

fn push_digits(out: &mut String, n: u64) {
    out.push_str(digits(n, &mut [0u8; 20]));
}

/// Formats an amount for people: `€ 1,234.56` is avoided on purpose (scripts copy table cells);
/// the table shows `EUR 1234.56`.
pub fn fmt_eur(value: Decimal) -> String {
    format!("EUR {}", fmt_amount(value))
}

/// Formats a decimal without trailing zeros (rates, percentages, month counts).
pub fn fmt_plain(value: Decimal) -> String {
    value.normalize().to_string()
}

const ACCEPTED: &str = "use digits with an optional decimal point or a single decimal comma \
                        and at most two decimals, e.g. 1234.56 or 1234,56";

/// Parses an amount as typed by a person or a script: `1234.56`, `1234,56`, `1234`, `-12.5`.
/// Thousands separators, currency signs, exponents, more than two decimals and anything else
/// ambiguous are rejected; the message says which forms are accepted.
pub fn parse_amount(input: &str) -> Result<Decimal, String> {
    let s = input.trim();
    if let Some(v) = plain_amount(s) {
        return Ok(v);
    }
    let input = crate::error::echo(input);
    if s.is_empty() {
        return Err(format!("an amount is required: {ACCEPTED}"));
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    if dots + commas > 1 {
        return Err(format!(
            "'{input}' is not an amount: thousands separators are not accepted; {ACCEPTED}"
        ));
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(format!("'{input}' is not an amount: {ACCEPTED}"));
    }
    let normalised = body.replace(',', ".");
    let (int_part, frac_part) = match normalised.split_once('.') {
        Some((i, f)) => (i, f),
        None => (normalised.as_str(), ""),
    };
    if int_part.is_empty() || (normalised.contains('.') && frac_part.is_empty()) {
        return Err(format!("'{input}' is not an amount: {ACCEPTED}"));
    }
    if frac_part.len() == 3 {
        return Err(format!(
            "'{input}' is ambiguous: three digits after the separator could be a thousands \
             separator; {ACCEPTED}"
        ));
    }
    if frac_part.len() > 2 {
        return Err(format!("'{input}' has more than two decimals; {ACCEPTED}"));
    }
    let digits = int_part.trim_start_matches('0');
    if digits.len() > 16 {
        return Err(format!(
            "'{input}' is too large: amounts up to {} are accepted",
            fmt_amount(MAX_AMOUNT)
        ));
    }
    let mut value: Decimal = normalised
        .parse()
        .map_err(|_| format!("'{input}' is not an amount: {ACCEPTED}"))?;
    if value > MAX_AMOUNT {
        return Err(format!(
            "'{input}' is too large: amounts up to {} are accepted",
            fmt_amount(MAX_AMOUNT)
        ));
    }
    // `-0` is zero, not a negative zero that would print as "-0.00".
    if negative && !value.is_zero() {
        value = -value;
    }
    Ok(value)
}

/// The common form of an amount, read without allocating: optional `-`, 1 to 16 digits, and
/// optionally `.` or `,` with one or two digits, at most [`MAX_AMOUNT`]. `None` for anything
/// else, which [`parse_amount`] then reads (or refuses) the long way with its messages.
fn plain_amount(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    let (negative, body) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    let (int, frac) = match body.iter().position(|&c| c == b'.' || c == b',') {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, &body[body.len()..]),
    };
    if int.is_empty()
        || int.len() > 16
        || (frac.is_empty() && int.len() != body.len())
        || frac.len() > 2
        || !int.iter().chain(frac).all(u8::is_ascii_digit)
    {
        return None;
    }
    let mantissa = int
        .iter()
        .chain(frac)
        .fold(0i64, |n, c| n * 10 + i64::from(c - b'0'));
    let mut value = Decimal::new(mantissa, frac.len() as u32);
    if value > MAX_AMOUNT {
        return None;
    }
    if negative && !value.is_zero() {
        value = -value;
    }
    Some(value)
}

/// Parses an amount that must be zero or more; `what` names the flag for the message.
pub fn parse_non_negative(input: &str) -> Result<Decimal, String> {
    let v = parse_amount(input)?;
    let input = crate::error::echo(input);
    if v.is_sign_negative() && !v.is_zero() {
        return Err(format!(
            "'{input}' is negative: the amount must be 0 or more"
        ));
    }
    Ok(v)
}

/// Parses an amount that must be more than zero.
pub fn parse_positive(input: &str) -> Result<Decimal, String> {
    let v = parse_amount(input)?;
    let input = crate::error::echo(input);
    if v <= Decimal::ZERO {
        return Err(format!("'{input}' must be more than 0"));
    }
    Ok(v)
}

/// Parses a plain decimal such as a percentage (`8.15`, `0.125`); no sign, no separators but a
/// single point or comma; any number of decimals up to 10.
pub fn parse_decimal(input: &str) -> Result<Decimal, String> {
    let s = input.trim();
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && s.matches(['.', ',']).count() <= 1
        && s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && s.chars().last().is_some_and(|c| c.is_ascii_digit());
    let frac_len = s.split(['.', ',']).nth(1).map_or(0, str::len);
    let input = crate::error::echo(input);
    if !ok || frac_len > 10 || s.len() > 24 {
        return Err(format!(
            "'{input}' is not a number: use digits with an optional decimal point, e.g. 8.15"
        ));
    }
    s.replace(',', ".")
        .parse()
        .map_err(|_| format!("'{input}' is not a number: use digits with a decimal point"))
}

/// serde: writes an amount as a string with two decimals (`"298.47"`), the JSON contract.
pub fn ser_amount<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_amount(*value))
}

/// serde: an optional amount as a two-decimal string or `null`.
pub fn ser_opt_amount<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_str(&fmt_amount(*v)),
        None => s.serialize_none(),
    }
}

/// serde: a decimal (rate, percentage, months) as a string without trailing zeros.
pub fn ser_plain<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_plain(*value))
}

/// serde: reads an amount from a provider or rate file. Amounts are strings (`"5000.00"`)
/// because TOML floats are binary; a bare number is refused with that hint.
pub fn de_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let s = String::deserialize(d).map_err(|_| {
        serde::de::Error::custom(
            "an amount must be a string such as \"5000.00\" (TOML floats are binary)",
        )
    })?;
    parse_amount(&s).map_err(serde::de::Error::custom)
}

/// serde: reads an optional amount string.
pub fn de_opt_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    de_amount(d).map(Some)
}

/// The JSON Schema pattern of an amount in a provider file: what `parse_amount` reads, without
/// a minus sign (every amount key in a provider file refuses a negative amount).
pub const AMOUNT_PATTERN: &str = r"^\s*\+?[0-9]+([.,][0-9]{1,2})?\s*$";

/// The JSON Schema pattern of a rate, percentage or multiple: what `parse_decimal` reads.
pub const DECIMAL_PATTERN: &str = r"^\s*[0-9]+([.,][0-9]{1,10})?\s*$";

/// schemars: an amount key of a provider file (read by `de_amount` / `de_opt_amount`).
pub fn amount_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "pattern": AMOUNT_PATTERN,
        "examples": ["2500.00"],
        "description": "An amount in euro written as a string (TOML floats are binary): digits with one decimal point or comma and at most two decimals, no thousands separators, not negative."
    })
}

/// schemars: a rate, percentage or multiple of a provider file (read by `de_decimal`).
pub fn decimal_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "pattern": DECIMAL_PATTERN,
        "examples": ["8.15"],
        "description": "A rate, percentage or multiple written as a string (TOML floats are binary): digits with at most one decimal point or comma and up to 10 decimals, no sign; \"15\" means 15 %."
    })
}

/// serde: reads a decimal (a rate or percentage) written as a string, e.g. `"8.15"`.
pub fn de_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let s = String::deserialize(d).map_err(|_| {
        serde::de::Error::custom(
            "a rate or percentage must be a string such as \"8.15\" (TOML floats are binary)",
        )
    })?;
    parse_decimal(&s).map_err(serde::de::Error::custom)
}

/// serde: reads an optional decimal string.
pub fn de_opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    de_decimal(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    /// The formatting as it was before `write_amount` printed digits itself.
    fn fmt_by_decimal(value: Decimal) -> String {
        let mut rounded = round_cents(value);
        rounded.rescale(2);
        if rounded.is_zero() {
            rounded.set_sign_positive(true);
        }
        rounded.to_string()
    }

    proptest! {
        #[test]
        fn write_amount_prints_what_decimal_prints(m in any::<i64>(), scale in 0u32..6) {
            let v = Decimal::new(m, scale);
            prop_assert_eq!(fmt_amount(v), fmt_by_decimal(v));
        }

        /// Also past 64 bits of cents (the 128-bit branch).
        #[test]
        fn write_amount_prints_what_decimal_prints_for_96_bits(
            lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), negative in any::<bool>(), scale in 0u32..6
        ) {
            let v = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(fmt_amount(v), fmt_by_decimal(v));
        }

        #[test]
        fn the_quick_reading_of_plain_amounts_is_decimals_own(
            neg in any::<bool>(), int in 0u64..10_000_000_000_000_000, frac in 0u32..100,
            decimals in 0usize..3, comma in any::<bool>(),
        ) {
            let text = match decimals {
                0 => format!("{}{int}", if neg { "-" } else { "" }),
                1 => format!("{}{int}{}{}", if neg { "-" } else { "" }, if comma { ',' } else { '.' }, frac % 10),
                _ => format!("{}{int}{}{frac:02}", if neg { "-" } else { "" }, if comma { ',' } else { '.' }),
            };
            // As parse_amount reads it: the digits without the sign, negated unless zero.
            let expected: Option<Decimal> = text.replace(',', ".").trim_start_matches('-')
                .parse().ok()
                .filter(|v: &Decimal| *v <= MAX_AMOUNT)
                .map(|v: Decimal| if neg && !v.is_zero() { -v } else { v });
            let quick = plain_amount(&text);
            prop_assert_eq!(quick, expected);
            if let Some(q) = quick {
                prop_assert_eq!(q.scale(), expected.unwrap().scale());
            }
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(dec!(0.125)), dec!(0.13));
        assert_eq!(round_cents(dec!(0.135)), dec!(0.14));
        assert_eq!(round_cents(dec!(-0.125)), dec!(-0.13));
        assert_eq!(round_cents(dec!(0.12499)), dec!(0.12));
    }

    #[test]
    fn formats_two_decimals() {
        assert_eq!(fmt_amount(dec!(298.4)), "298.40");
        assert_eq!(fmt_amount(dec!(0)), "0.00");
        assert_eq!(fmt_amount(dec!(1000000000000)), "1000000000000.00");
        assert_eq!(fmt_amount(dec!(2.005)), "2.01");
    }

    #[test]
    fn max_amount_is_ten_to_the_fifteenth() {
        assert_eq!(MAX_AMOUNT, dec!(1000000000000000));
    }

    #[test]
    fn parses_accepted_forms() {
        assert_eq!(parse_amount("1234.56"), Ok(dec!(1234.56)));
        assert_eq!(parse_amount("1234,56"), Ok(dec!(1234.56)));
        assert_eq!(parse_amount("1234"), Ok(dec!(1234)));
        assert_eq!(parse_amount("0.5"), Ok(dec!(0.5)));
        assert_eq!(parse_amount("-12.50"), Ok(dec!(-12.50)));
        assert_eq!(parse_amount(" 7 "), Ok(dec!(7)));
        assert_eq!(parse_amount("1000000000000"), Ok(dec!(1000000000000)));
    }

    #[test]
    fn rejects_ambiguous_and_malformed() {
        for bad in [
            "",
            "1.234,56",
            "1,234.56",
            "1.234",
            "1,234",
            "12.345",
            "€12",
            "12e3",
            "1 234",
            "abc",
            ".5",
            "5.",
            "--5",
            "1.2.3",
            "NaN",
            "inf",
            "10000000000000000",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(parse_amount("1.234").unwrap_err().contains("ambiguous"));
        assert!(parse_amount("1.234,56").unwrap_err().contains("thousands"));
    }

    #[test]
    fn sign_checks() {
        assert!(parse_non_negative("-1").is_err());
        assert_eq!(parse_non_negative("0"), Ok(dec!(0)));
        assert!(parse_positive("0").is_err());
        assert!(parse_positive("0,00").is_err());
        assert_eq!(parse_positive("0.01"), Ok(dec!(0.01)));
    }

    #[test]
    fn parses_plain_decimals() {
        assert_eq!(parse_decimal("8.15"), Ok(dec!(8.15)));
        assert_eq!(parse_decimal("0.125"), Ok(dec!(0.125)));
        assert_eq!(parse_decimal("12"), Ok(dec!(12)));
        assert!(parse_decimal("-1").is_err());
        assert!(parse_decimal("1e3").is_err());
        assert!(parse_decimal("").is_err());
    }
}
