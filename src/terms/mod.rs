//! The provider model: one TOML file per provider holds the terms as data, each rule with the
//! article it comes from. This module holds the shared parts (identity, audience, customer
//! types) and the loading and validation of files; each question's rules live in a submodule.

pub mod buyout;
mod check;
pub mod collection;
pub mod late_payment;
pub mod liability;
mod load;
pub mod outage;
mod schema;
pub use load::io_reason;
pub use schema::json_schema;
pub mod termination;

pub use load::{
    locate_key, parse_provider, read_data_file, read_provider_file as load_file, span_doc,
    ProviderSet, SpanDoc, EMBEDDED, MAX_DATA_FILE,
};

use crate::report::Citation;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The keys of the question sections of a provider file, in file order (the other top-level
/// keys are the identity). A test checks this list against the `Provider` type's fields.
pub const SECTION_KEYS: [&str; 6] = [
    "termination",
    "late_payment",
    "collection",
    "buyout",
    "liability",
    "outage",
];

/// The only provider-file schema version this build reads.
pub const PROVIDER_SCHEMA_VERSION: u32 = 1;

/// Who the customer is, which decides the mandatory law that applies.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    PartialOrd,
    Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum CustomerType {
    /// A natural person not acting in a profession or business (consument, BW 6:230g / 7:5).
    Consumer,
    /// A business end-user: a company that uses the service itself (eindgebruiker in the
    /// Telecommunicatiewet).
    Business,
    /// A business that resells the service to its own customers; not an end-user, so the
    /// Telecommunicatiewet end-user protections do not apply.
    Reseller,
}

impl CustomerType {
    pub const ALL: [CustomerType; 3] = [
        CustomerType::Consumer,
        CustomerType::Business,
        CustomerType::Reseller,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CustomerType::Consumer => "consumer",
            CustomerType::Business => "business",
            CustomerType::Reseller => "reseller",
        }
    }

    /// End-users (consumers and business end-users) are protected by Tw art. 7.2a.
    pub fn is_end_user(self) -> bool {
        !matches!(self, CustomerType::Reseller)
    }
}

impl fmt::Display for CustomerType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CustomerType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::error::keyword(
            s,
            &[
                ("consumer", CustomerType::Consumer),
                ("business", CustomerType::Business),
                ("reseller", CustomerType::Reseller),
            ],
        )
        .ok_or_else(|| {
            format!(
                "'{}' is not a customer type: use consumer, business or reseller",
                crate::error::echo(s)
            )
        })
    }
}

/// Which version of the terms a file encodes.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TermsInfo {
    /// The title as printed, e.g. "Algemene voorwaarden".
    pub title: String,
    /// The version or date as printed, e.g. "AV Qupra Wholesale 12-2020"; "none printed" where
    /// the terms carry none.
    pub version: String,
    /// The date the terms state or imply (YYYY-MM or YYYY-MM-DD), where known.
    #[serde(default)]
    pub date: Option<String>,
    /// The seed file (in shared/seeds) this provider file encodes.
    pub seed: String,
}

/// Which customers the terms address.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// The customer types the terms are written for.
    pub customers: Vec<CustomerType>,
    /// The customer type assumed when `--customer` is not given.
    pub default_customer: CustomerType,
    /// The articles that show who the terms address.
    pub article: String,
    /// A short note in our own words (e.g. "business only; consumers expressly excluded").
    #[serde(default)]
    pub note: Option<String>,
}

/// One provider's terms as data.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// The version of the file format; this build reads only 1.
    #[schemars(extend("const" = PROVIDER_SCHEMA_VERSION))]
    pub schema_version: u32,
    /// Short id used on the command line: `qupra`, `voipro`, ...; equals the file name
    /// (lower-case letters, digits, `-` and `_`).
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// Legal name as printed (or the only name the terms use).
    pub name: String,
    /// The name customers know; listings and citations use it instead of `name`.
    #[serde(default)]
    pub trade_name: Option<String>,
    /// Kamer van Koophandel number, where printed.
    #[serde(default)]
    pub kvk: Option<String>,
    /// What the terms print about registration when it is not a plain KvK number.
    #[serde(default)]
    pub registration_note: Option<String>,
    pub terms: TermsInfo,
    pub audience: Audience,
    /// Term, renewal, notice (issue: foundation and end-date).
    #[serde(default)]
    pub termination: Option<termination::Termination>,
    /// Payment term, default and late-payment interest (issue: late payment).
    #[serde(default)]
    pub late_payment: Option<late_payment::LatePayment>,
    /// Extrajudicial collection costs (issue: late payment).
    #[serde(default)]
    pub collection: Option<collection::Collection>,
    /// Early termination sum (issue: buyout).
    #[serde(default)]
    pub buyout: Option<buyout::Buyout>,
    /// Liability ceilings and claim deadlines (issue: liability).
    #[serde(default)]
    pub liability: Option<liability::Liability>,
    /// The provider's outage guarantee, or the article disclaiming one (issue: outage).
    #[serde(default)]
    pub outage: Option<outage::Outage>,
}

impl Provider {
    /// The name people know the provider by: the trade name where there is one.
    pub fn display_name(&self) -> &str {
        self.trade_name.as_deref().unwrap_or(&self.name)
    }

    /// A citation of one of this provider's articles.
    pub fn cite(&self, article: impl Into<String>) -> Citation {
        Citation::provider(&self.id, self.display_name(), article)
    }

    /// The customer type to use: the one asked for, or the file's default.
    pub fn customer_or_default(&self, asked: Option<CustomerType>) -> CustomerType {
        asked.unwrap_or(self.audience.default_customer)
    }

    /// The audience in a few words, for `providers` listings.
    pub fn audience_summary(&self) -> String {
        self.audience
            .customers
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A semantic problem in a provider file found after it was read: the key path (from the file's
/// root, e.g. `termination.notice.months`), what is wrong, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(key: impl Into<String>, message: impl Into<String>, hint: Option<&str>) -> Self {
        Problem {
            key: key.into(),
            message: message.into(),
            hint: hint.map(str::to_string),
        }
    }
}

/// What every section of a provider file can do beyond being read.
pub trait Section {
    /// Checks values that the types cannot (impossible values, contradictions). `key` is the
    /// section's own path (e.g. `termination`); push problems with full key paths.
    fn validate(&self, _key: &str, _problems: &mut Vec<Problem>) {}

    /// Every rule in plain words with its article, for `providers show`: (text, article).
    fn describe(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

impl Provider {
    /// Semantic checks of the whole file; every problem found, not only the first.
    pub fn validate(&self, file_stem: Option<&str>) -> Vec<Problem> {
        let mut p = Vec::new();
        if self.schema_version != PROVIDER_SCHEMA_VERSION {
            p.push(Problem::new(
                "schema_version",
                format!("schema version {} is not supported", self.schema_version),
                Some("this build reads schema_version = 1"),
            ));
        }
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            p.push(Problem::new(
                "id",
                format!("'{}' is not a valid provider id", self.id),
                Some("use lower-case letters, digits, '-' or '_'"),
            ));
        }
        if let Some(stem) = file_stem {
            if stem != self.id {
                p.push(Problem::new(
                    "id",
                    format!("id '{}' differs from the file name '{stem}.toml'", self.id),
                    Some("name the file after the id, e.g. qupra.toml for id = \"qupra\""),
                ));
            }
        }
        if self.audience.customers.is_empty() {
            p.push(Problem::new(
                "audience.customers",
                "the list of customer types is empty",
                Some("name at least one of consumer, business, reseller"),
            ));
        } else if !self
            .audience
            .customers
            .contains(&self.audience.default_customer)
        {
            p.push(Problem::new(
                "audience.default_customer",
                format!(
                    "the default customer type '{}' is not one of the customers the terms address ({})",
                    self.audience.default_customer,
                    self.audience_summary()
                ),
                Some("make default_customer one of the types listed in audience.customers"),
            ));
        }
        self.validate_texts(&mut p);
        for (key, _, section) in self.sections() {
            section.validate(key, &mut p);
        }
        // A section may check what the file-wide text check also finds (an empty article):
        // each problem is reported once.
        let mut seen = std::collections::HashSet::new();
        p.retain(|x| seen.insert((x.key.clone(), x.message.clone())));
        p
    }

    /// Checks every text of the file in one place, whatever section it is in: an `article` is
    /// never empty (a step would cite "art. " with nothing after it), and no text holds a
    /// control character or line break (names, articles, conditions and readings are printed as
    /// they are, in tables, steps and CSV cells, and must stay one line on a terminal).
    fn validate_texts(&self, problems: &mut Vec<Problem>) {
        // The typed file as a value tree: every string with its key path, without reading the
        // text again. Serializing plain data cannot fail; if it ever did, nothing is checked
        // here and nothing breaks.
        let Ok(tree) = toml::Value::try_from(self) else {
            return;
        };
        walk_texts(&tree, String::new(), "", problems);
    }

    /// Every rule of every section in plain words, grouped by section title.
    pub fn describe(&self) -> Vec<(&'static str, Vec<(String, String)>)> {
        self.sections()
            .map(|(_, title, section)| (title, section.describe()))
            .filter(|(_, rules)| !rules.is_empty())
            .collect()
    }

    /// The question sections the file has, in file order: (key, title, section). The one list
    /// of sections that validation and `providers show` follow; `SECTION_KEYS` names them.
    pub fn sections(&self) -> impl Iterator<Item = (&'static str, &'static str, &dyn Section)> {
        fn dyn_section<S: Section>(s: &Option<S>) -> Option<&dyn Section> {
            s.as_ref().map(|s| s as &dyn Section)
        }
        let all: [(&'static str, &'static str, Option<&dyn Section>); SECTION_KEYS.len()] = [
            ("termination", "Termination", dyn_section(&self.termination)),
            (
                "late_payment",
                "Late payment",
                dyn_section(&self.late_payment),
            ),
            (
                "collection",
                "Collection costs",
                dyn_section(&self.collection),
            ),
            ("buyout", "Buyout", dyn_section(&self.buyout)),
            ("liability", "Liability", dyn_section(&self.liability)),
            ("outage", "Outage compensation", dyn_section(&self.outage)),
        ];
        debug_assert!(all.iter().map(|s| s.0).eq(SECTION_KEYS));
        all.into_iter()
            .filter_map(|(key, title, s)| s.map(|s| (key, title, s)))
    }
}

fn walk_texts(v: &toml::Value, path: String, key: &str, problems: &mut Vec<Problem>) {
    match v {
        toml::Value::String(text) => {
            if key == "article" && text.trim().is_empty() {
                problems.push(Problem::new(
                    path.clone(),
                    "the article is empty",
                    Some("cite the article as printed, e.g. \"5.1.c\""),
                ));
            }
            if let Some(c) = text.chars().find(|c| c.is_control()) {
                problems.push(Problem::new(
                    path,
                    format!(
                        "the text holds a control character ({}); texts are printed as they are \
                         and must be one line without tabs or other control characters",
                        c.escape_default()
                    ),
                    Some("write the text on one line; use a space instead"),
                ));
            }
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk_texts(v, p, k, problems);
            }
        }
        toml::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                walk_texts(v, format!("{path}[{i}]"), key, problems);
            }
        }
        _ => {}
    }
}
