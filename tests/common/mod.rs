//! Helpers shared by the batch tests.

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
