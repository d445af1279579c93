//! Typed errors of the library. Each kind knows the exit code the command line maps it to
//! (DESIGN.md: 2 invalid input, 3 invalid provider or rate data, 4 a batch with failed rows).

use std::fmt;

/// Where in a data file something is wrong: `file:line:col`, the key path and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataIssue {
    pub file: String,
    /// 1-based line and column; `None` when the problem has no single place (e.g. a missing file).
    pub position: Option<(usize, usize)>,
    /// Dotted key path, e.g. `termination.notice.months`; empty for the document as a whole.
    pub key: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for DataIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": ")?;
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// The library's error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A wrong argument or input value: exit 2. The message is one sentence that names the
    /// flag, what was wrong and what is accepted.
    #[error("{0}")]
    Input(String),
    /// A wrong value of one input field (or a rule between fields, named by the first): exit 2.
    /// The library names the field (`end`); the front end phrases it as the command-line option
    /// (`--end: ...`, [`Error::for_command_line`]) or the batch column (`` `end`: ... ``, the
    /// `Display` form). The message refers to other inputs in words, not by option.
    #[error("`{field}`: {message}")]
    Field {
        field: &'static str,
        message: String,
    },
    /// One or more problems in a provider file: exit 3.
    #[error("{}", join_issues(.0))]
    ProviderData(Vec<DataIssue>),
    /// One or more problems in a rate table file: exit 3.
    #[error("{}", join_issues(.0))]
    RateData(Vec<DataIssue>),
}

fn join_issues(issues: &[DataIssue]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// Shorthand for an input error.
    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }

    /// An input error of one field (see [`Error::Field`]).
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Error::Field {
            field,
            message: message.into(),
        }
    }

    /// The message as the command line shows it: a field error names its option (`--end: ...`).
    pub fn for_command_line(&self) -> String {
        match self {
            Error::Field { field, message } => format!("--{field}: {message}"),
            other => other.to_string(),
        }
    }

    /// The documented exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Field { .. } => 2,
            Error::ProviderData(_) | Error::RateData(_) => 3,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Turns a byte offset into a 1-based (line, column), counting columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// User input as quoted inside a message: control characters (a line break or tab pasted into
/// a value) are shown escaped, so that a message stays on one line.
/// The value of the keyword `input` names (trimmed, any ASCII case), without allocating: input
/// parsers run once per field of every batch row.
pub fn keyword<T: Copy>(input: &str, words: &[(&str, T)]) -> Option<T> {
    let t = input.trim();
    words
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(t))
        .map(|&(_, v)| v)
}

pub fn echo(input: &str) -> std::borrow::Cow<'_, str> {
    if input.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            input
                .chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let t = "a = 1\nbé = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        // "bé" is 3 bytes; the space after it is character 3 of line 2.
        assert_eq!(line_col(t, 9), (2, 3));
        assert_eq!(line_col(t, 1000), (3, 1));
    }

    #[test]
    fn exit_codes() {
        assert_eq!(Error::input("x").exit_code(), 2);
        assert_eq!(Error::ProviderData(vec![]).exit_code(), 3);
        assert_eq!(Error::RateData(vec![]).exit_code(), 3);
    }
}
