//! Shared by the test crates: the built-in providers, derived from providers/ (through
//! `ProviderSet::embedded()`), so that a file added there is tested without editing any list.

#![allow(dead_code)]

use termcalc::terms::ProviderSet;

/// The built-in providers, parsed once per test binary.
pub fn provider_set() -> &'static ProviderSet {
    static SET: std::sync::OnceLock<ProviderSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| ProviderSet::embedded().expect("the built-in provider files load"))
}

/// Every built-in provider id, sorted.
pub fn provider_ids() -> &'static [&'static str] {
    static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| provider_set().ids())
}

/// The `--service` a provider needs when none is given: none where the terms name a default
/// service or have only one, else the first service the terms list.
pub fn service_needed(id: &str) -> Option<String> {
    let t = provider_set().get(id).ok()?.termination.as_ref()?;
    if t.default_service.is_some() || t.services.len() <= 1 {
        None
    } else {
        t.services.first().map(|s| s.kind.clone())
    }
}

/// A field error as a batch row says it: clap's `invalid value 'X' for '--name <V>': why` or
/// `--name: why` becomes `` `name`: why ``.
pub fn column_form(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("invalid value '") {
        if let Some((_, after)) = rest.split_once("' for '--") {
            if let Some((opt, why)) = after.split_once("': ") {
                let name = opt.split(' ').next().unwrap_or(opt);
                return format!("`{name}`: {why}");
            }
        }
    }
    match msg.strip_prefix("--").and_then(|m| m.split_once(": ")) {
        Some((name, rest)) if !name.contains(' ') => format!("`{name}`: {rest}"),
        _ => msg.to_string(),
    }
}
