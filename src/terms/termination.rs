//! Termination rules (opzegging): when the term starts, the initial term, renewal (verlenging),
//! the notice period (opzegtermijn), end alignment, who may give notice and in what form, the
//! differences per service, and the special termination rights that have dates.
//!
//! One schema for all providers. Rules that a service or an agreed fixed term changes are
//! overridden per service (`[[termination.services]]`) or in `[termination.when_term_agreed]`.

use super::{CustomerType, Problem, Section};
use crate::calendar::HolidaySet;
use serde::{Deserialize, Serialize};

/// Upper bound for every month count in a provider file (50 years): keeps date arithmetic in
/// range and catches typos.
pub const MAX_MONTHS: u32 = 600;
/// Upper bound for day counts (notice in days or working days, windows).
pub const MAX_DAYS: u32 = 3660;

/// The `[termination]` section of a provider file.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// When the term (looptijd) starts.
    pub term_start: TermStart,
    /// The initial term (initiële contractsduur).
    pub initial_term: InitialTerm,
    /// What happens when a term ends without notice.
    pub renewal: Renewal,
    /// The notice period (opzegtermijn).
    pub notice: Notice,
    /// Where the end date is moved after the notice period.
    pub end_alignment: EndAlignment,
    /// Who may give notice, and in what form.
    pub notice_form: NoticeForm,
    /// Which days are not working days, where the rules count working days.
    #[serde(default)]
    pub holidays: Option<Holidays>,
    /// The service kinds the terms cover; at least one. `--service` picks one.
    pub services: Vec<Service>,
    /// The service assumed when `--service` is not given; none means `--service` is required
    /// (when there is more than one service).
    #[serde(default)]
    pub default_service: Option<String>,
    /// Rules that replace the defaults when the contract sets a fixed term although the terms'
    /// default is an indefinite contract (e.g. Compri 25.4 against 25.3).
    #[serde(default)]
    pub when_term_agreed: Option<Overrides>,
    /// Special termination rights with dates (price increase, change of terms, ...).
    #[serde(default)]
    pub special_rights: Vec<SpecialRight>,
}

/// What the term start is tied to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StartKind {
    /// The day the service is delivered and can be used (Ready for Service).
    ReadyForService,
    /// The day of (first) delivery.
    Delivery,
    /// The day the contract is concluded or the application accepted.
    ContractDate,
    /// The first day of the next full calendar month after commencement (the commencement day
    /// itself when it is the 1st).
    FirstOfNextFullMonth,
}

impl StartKind {
    pub fn describe(self) -> &'static str {
        match self {
            StartKind::ReadyForService => "the day the service is ready for use (Ready for Service)",
            StartKind::Delivery => "the first day of delivery",
            StartKind::ContractDate => "the day the contract is concluded (application accepted)",
            StartKind::FirstOfNextFullMonth => {
                "the first day of the next full calendar month after commencement (commencement itself when it is the 1st)"
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TermStart {
    pub kind: StartKind,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// The initial term.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum InitialTerm {
    /// A default length in months; the contract may agree another (`--term-months`).
    Months {
        /// The default length of the initial term in months.
        months: u32,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The terms leave the length to the contract: `--term-months` is required.
    SetByContract {
        article: String,
        /// The longest term the terms allow, where they say so (longer terms warn).
        #[serde(default)]
        max_months: Option<u32>,
        /// The article that also allows a contract for an indefinite period (e.g. Quatel 10.3);
        /// `--indefinite` then replaces `--term-months`.
        #[serde(default)]
        indefinite: Option<String>,
        #[serde(default)]
        reading: Option<String>,
    },
    /// No initial term: the contract runs for an indefinite period from the start, unless the
    /// contract agrees a fixed term (`--term-months`, then `when_term_agreed` applies).
    None {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl InitialTerm {
    pub fn article(&self) -> &str {
        match self {
            InitialTerm::Months { article, .. }
            | InitialTerm::SetByContract { article, .. }
            | InitialTerm::None { article, .. } => article,
        }
    }
    pub fn reading(&self) -> Option<&str> {
        match self {
            InitialTerm::Months { reading, .. }
            | InitialTerm::SetByContract { reading, .. }
            | InitialTerm::None { reading, .. } => reading.as_deref(),
        }
    }
}

/// Where renewal periods end.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodEnds {
    /// Each period ends `months` after the previous one (the term's anniversary).
    #[default]
    Anniversary,
    /// Periods are calendar months: a stub to the end of the month in which the initial term
    /// ends, then blocks of `months` calendar months.
    MonthEnd,
}

/// What happens at the end of a term without notice.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Renewal {
    /// The contract ends at the end of the initial term.
    None { article: String },
    /// Tacit renewal (stilzwijgende verlenging) for fixed periods.
    Fixed {
        /// The length of each renewal period in months.
        months: u32,
        #[serde(default)]
        period_ends: PeriodEnds,
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The contract continues for an indefinite period: notice takes effect on any day the
    /// notice period and alignment allow.
    Indefinite {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

impl Renewal {
    pub fn article(&self) -> &str {
        match self {
            Renewal::None { article }
            | Renewal::Fixed { article, .. }
            | Renewal::Indefinite { article, .. } => article,
        }
    }
    pub fn reading(&self) -> Option<&str> {
        match self {
            Renewal::None { .. } => None,
            Renewal::Fixed { reading, .. } | Renewal::Indefinite { reading, .. } => {
                reading.as_deref()
            }
        }
    }
}

/// The unit of a notice period.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NoticeUnit {
    /// Months counted from the day of receipt (clamped to month end): N + 1 month.
    Months,
    /// Whole calendar months: the notice ends at the end of the n-th calendar month after the
    /// month of receipt.
    CalendarMonths,
    /// Calendar days after the day of receipt.
    Days,
    /// Working days after the day of receipt (see `holidays`).
    WorkingDays,
}

/// The notice period (opzegtermijn).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// What the length counts: months, days, ...
    pub unit: NoticeUnit,
    /// The length of the notice period, in `unit`s.
    pub length: u32,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
    /// A longer notice the customer may ask for, in our own words (e.g. Quatel 10.3).
    #[serde(default)]
    pub note: Option<String>,
    /// A longer notice period, in the same unit, that applies when the customer expressly asked
    /// for it (`--requested-notice`; e.g. Quatel 10.3: 3 months).
    #[serde(default)]
    pub on_request: Option<NoticeOnRequest>,
}

/// A notice period agreed at the customer's express request.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoticeOnRequest {
    /// The length of the notice period agreed on request.
    pub length: u32,
    pub article: String,
}

impl Notice {
    pub fn describe(&self) -> String {
        let n = self.length;
        let plural = if n == 1 { "" } else { "s" };
        match self.unit {
            NoticeUnit::Months => format!(
                "{n} month{plural}: the last day in force is the day of receipt plus {n} month{plural}"
            ),
            NoticeUnit::CalendarMonths => format!(
                "{n} full calendar month{plural}: the contract runs to the end of the {} calendar month after the month of receipt",
                ordinal(n)
            ),
            NoticeUnit::Days => format!(
                "{n} day{plural}: the last day in force is the day of receipt plus {n} day{plural}"
            ),
            NoticeUnit::WorkingDays => format!(
                "{n} working day{plural}: the last day in force is the {} working day after the day of receipt",
                ordinal(n)
            ),
        }
    }
}

fn ordinal(n: u32) -> String {
    if n == 1 {
        return "first".to_string();
    }
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Where the end date is moved after the notice period.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum EndAlignment {
    /// The end is the last day of the notice period.
    None {
        #[serde(default)]
        article: Option<String>,
        #[serde(default)]
        reading: Option<String>,
    },
    /// The end is moved to the last day of the calendar month in which the notice period ends.
    EndOfCalendarMonth {
        article: String,
        #[serde(default)]
        reading: Option<String>,
    },
}

/// Who may give ordinary notice.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Customer,
    Provider,
}

/// The form a notice must take.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// In writing: letter, and where the terms say so e-mail or a web form.
    Written,
    /// Only by letter or fax, with extra requirements (signature, reasons).
    PostOrFax,
    /// Electronically (e-mail, portal, web form).
    Electronic,
    /// Only through the provider's customer portal.
    Portal,
    /// In writing or digitally, through the channel the website names.
    WrittenOrDigital,
    /// By registered post.
    RegisteredPost,
}

impl Form {
    pub fn describe(self) -> &'static str {
        match self {
            Form::Written => "in writing",
            Form::PostOrFax => "by letter or fax only",
            Form::Electronic => "electronically",
            Form::Portal => "only through the customer portal",
            Form::WrittenOrDigital => "in writing or digitally",
            Form::RegisteredPost => "in writing by registered post",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoticeForm {
    /// Whose notice the form applies to (customer, provider or both).
    pub parties: Vec<Party>,
    pub form: Form,
    /// Further requirements in our own words (signature, reasons, confirmation, channel).
    #[serde(default)]
    pub detail: Option<String>,
    /// A warning shown with every end-date calculation (a form rule that could make a notice
    /// invalid as written), in our own words.
    #[serde(default)]
    pub warning: Option<String>,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// The holiday set used where working days count.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Holidays {
    pub set: HolidaySet,
    pub article: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// One service kind the terms cover, with the rules that differ for it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Value of `--service`, e.g. `dsl`.
    pub kind: String,
    /// Plain words, e.g. "(DSL) internet access".
    pub label: String,
    /// An electronic communications service (Telecommunicatiewet), so art. 7.2a protects
    /// end-users. Hosting, housing and system management are not.
    pub electronic_communications: bool,
    /// Why the service is (not) an electronic communications service, or where its own rules
    /// are.
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub term_start: Option<TermStart>,
    #[serde(default)]
    pub initial_term: Option<InitialTerm>,
    #[serde(default)]
    pub renewal: Option<Renewal>,
    #[serde(default)]
    pub notice: Option<Notice>,
    #[serde(default)]
    pub end_alignment: Option<EndAlignment>,
    #[serde(default)]
    pub notice_form: Option<NoticeForm>,
}

impl Service {
    /// The service's own rules as overrides of the section's defaults.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            article: self.article.clone(),
            term_start: self.term_start.clone(),
            initial_term: self.initial_term.clone(),
            renewal: self.renewal.clone(),
            notice: self.notice.clone(),
            end_alignment: self.end_alignment.clone(),
            notice_form: self.notice_form.clone(),
        }
    }
}

/// Rules that replace the section's defaults (all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The article(s) behind the override, where different from the individual rules.
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub term_start: Option<TermStart>,
    #[serde(default)]
    pub initial_term: Option<InitialTerm>,
    #[serde(default)]
    pub renewal: Option<Renewal>,
    #[serde(default)]
    pub notice: Option<Notice>,
    #[serde(default)]
    pub end_alignment: Option<EndAlignment>,
    #[serde(default)]
    pub notice_form: Option<NoticeForm>,
}

/// The kind of a special termination right.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SpecialKind {
    PriceIncrease,
    TermsChange,
    ServiceChange,
    ForceMajeure,
    Move,
}

impl SpecialKind {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SpecialKind::PriceIncrease => "price_increase",
            SpecialKind::TermsChange => "terms_change",
            SpecialKind::ServiceChange => "service_change",
            SpecialKind::ForceMajeure => "force_majeure",
            SpecialKind::Move => "move",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SpecialKind::PriceIncrease => "price increase",
            SpecialKind::TermsChange => "change of the terms",
            SpecialKind::ServiceChange => "change of the service",
            SpecialKind::ForceMajeure => "force majeure",
            SpecialKind::Move => "move to another address",
        }
    }
}

/// When a notice under a special right must arrive. Read through [`WindowFile`].
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", from = "WindowFile")]
pub enum Window {
    /// Within `days` calendar days after the announcement (the day after it is day 1).
    DaysAfterAnnouncement { days: u32 },
    /// At the latest on the day before the change takes effect.
    BeforeEffectiveDate,
    /// At the latest on the day the change takes effect.
    OnOrBeforeEffectiveDate,
    /// Once the event has lasted more than `months` months.
    AfterMonthsOfEvent { months: u32 },
    /// The terms state no window.
    NotStated,
    /// The customer must object within `objection_days` after the announcement (received by
    /// announcement + `objection_days`); the right to end arises when the parties have not
    /// agreed within `agreement_days` after the objection, i.e. from objection +
    /// `agreement_days` + 1 (e.g. VOIPZeker 7.7). Needs `--objection`.
    AfterObjection {
        objection_days: u32,
        agreement_days: u32,
    },
}

/// [`Window`] as written in a provider file. Every variant is a struct variant (empty where
/// the window has no parameter): serde applies `deny_unknown_fields` to the struct variants of
/// an internally tagged enum only, so a unit variant silently accepted any other key
/// (`window = { kind = "not_stated", days = 14 }`, issue 12).
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum WindowFile {
    /// Within `days` calendar days after the announcement.
    DaysAfterAnnouncement {
        /// The number of calendar days after the announcement.
        days: u32,
    },
    BeforeEffectiveDate {},
    OnOrBeforeEffectiveDate {},
    AfterMonthsOfEvent {
        /// The number of months after the event.
        months: u32,
    },
    NotStated {},
    AfterObjection {
        /// The days the customer has to object after the announcement.
        objection_days: u32,
        /// The days the parties then have to agree before the right arises.
        agreement_days: u32,
    },
}

impl From<WindowFile> for Window {
    fn from(w: WindowFile) -> Self {
        match w {
            WindowFile::DaysAfterAnnouncement { days } => Window::DaysAfterAnnouncement { days },
            WindowFile::BeforeEffectiveDate {} => Window::BeforeEffectiveDate,
            WindowFile::OnOrBeforeEffectiveDate {} => Window::OnOrBeforeEffectiveDate,
            WindowFile::AfterMonthsOfEvent { months } => Window::AfterMonthsOfEvent { months },
            WindowFile::NotStated {} => Window::NotStated,
            WindowFile::AfterObjection {
                objection_days,
                agreement_days,
            } => Window::AfterObjection {
                objection_days,
                agreement_days,
            },
        }
    }
}

/// When the contract ends under a special right.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SpecialEnd {
    /// The last day in force is the day before the change takes effect.
    DayBeforeEffective,
    /// The contract ends when the notice is received.
    OnReceipt,
    /// As for ordinary notice.
    OrdinaryNotice,
}

/// A termination right with dates (price increase, change of terms, force majeure, ...).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SpecialRight {
    pub kind: SpecialKind,
    pub article: String,
    /// Which customers have the right; all when absent.
    #[serde(default)]
    pub customers: Option<Vec<CustomerType>>,
    /// The condition in our own words (threshold, exclusions).
    pub condition: String,
    /// Where the right needs an increase above a percentage ("5" = more than 5%).
    #[serde(default)]
    pub threshold_percent: Option<u32>,
    /// Months after the announcement at which a change takes effect unless a later date is
    /// announced.
    #[serde(default)]
    pub effective_after_months: Option<u32>,
    pub window: Window,
    pub ends: SpecialEnd,
    #[serde(default)]
    pub form: Option<Form>,
    /// Whether an early-termination sum is due.
    #[serde(default)]
    pub buyout: bool,
    /// `false` where the terms expressly deny a right for this event (e.g. a change required
    /// by law); the condition then says which events.
    #[serde(default = "yes")]
    pub right: bool,
    #[serde(default)]
    pub reading: Option<String>,
}

fn yes() -> bool {
    true
}

/// The rules that apply to one service, after overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules<'a> {
    pub service: &'a Service,
    pub term_start: &'a TermStart,
    pub initial_term: &'a InitialTerm,
    pub renewal: &'a Renewal,
    pub notice: &'a Notice,
    pub end_alignment: &'a EndAlignment,
    pub notice_form: &'a NoticeForm,
    pub holidays: HolidaySet,
}

impl Termination {
    /// The service named by `kind` (case-insensitive).
    pub fn service(&self, kind: &str) -> Option<&Service> {
        let k = kind.trim();
        self.services
            .iter()
            .find(|s| s.kind.eq_ignore_ascii_case(k))
    }

    /// The accepted `--service` kinds, comma-separated.
    pub fn service_kinds(&self) -> String {
        self.services
            .iter()
            .map(|s| s.kind.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The rules for a service: the section's defaults with the service's overrides, and with
    /// `when_term_agreed` on top when a fixed term is agreed on an indefinite default.
    pub fn rules<'a>(&'a self, service: &'a Service, term_agreed: bool) -> Rules<'a> {
        let o = service;
        let mut r = Rules {
            service,
            term_start: o.term_start.as_ref().unwrap_or(&self.term_start),
            initial_term: o.initial_term.as_ref().unwrap_or(&self.initial_term),
            renewal: o.renewal.as_ref().unwrap_or(&self.renewal),
            notice: o.notice.as_ref().unwrap_or(&self.notice),
            end_alignment: o.end_alignment.as_ref().unwrap_or(&self.end_alignment),
            notice_form: o.notice_form.as_ref().unwrap_or(&self.notice_form),
            holidays: self.holidays.as_ref().map(|h| h.set).unwrap_or_default(),
        };
        if term_agreed && matches!(r.initial_term, InitialTerm::None { .. }) {
            if let Some(w) = &self.when_term_agreed {
                if let Some(x) = &w.term_start {
                    r.term_start = x;
                }
                if let Some(x) = &w.renewal {
                    r.renewal = x;
                }
                if let Some(x) = &w.notice {
                    r.notice = x;
                }
                if let Some(x) = &w.end_alignment {
                    r.end_alignment = x;
                }
                if let Some(x) = &w.notice_form {
                    r.notice_form = x;
                }
            }
        }
        r
    }
}

fn check_months(key: &str, months: u32, problems: &mut Vec<Problem>) {
    if months == 0 || months > MAX_MONTHS {
        problems.push(Problem::new(
            key,
            format!("{months} months is not a possible term"),
            Some("use a whole number of months from 1 to 600"),
        ));
    }
}

fn validate_rules(key: &str, o: &Overrides, problems: &mut Vec<Problem>) {
    if let Some(t) = &o.initial_term {
        let k = format!("{key}.initial_term");
        match t {
            InitialTerm::Months { months, .. } => {
                check_months(&format!("{k}.months"), *months, problems)
            }
            InitialTerm::SetByContract {
                max_months: Some(m),
                ..
            } => check_months(&format!("{k}.max_months"), *m, problems),
            _ => {}
        }
    }
    if let Some(Renewal::Fixed { months, .. }) = &o.renewal {
        check_months(&format!("{key}.renewal.months"), *months, problems);
    }
    if let Some(n) = &o.notice {
        let max = match n.unit {
            NoticeUnit::Months | NoticeUnit::CalendarMonths => MAX_MONTHS,
            NoticeUnit::Days | NoticeUnit::WorkingDays => MAX_DAYS,
        };
        if n.length == 0 || n.length > max {
            problems.push(Problem::new(
                format!("{key}.notice.length"),
                format!("a notice period of {} is not possible", n.length),
                Some("use a whole number from 1 (at most 600 months or 3660 days)"),
            ));
        }
    }
    if let Some(f) = &o.notice_form {
        if f.parties.is_empty() {
            problems.push(Problem::new(
                format!("{key}.notice_form.parties"),
                "no party may give notice",
                Some("name customer and/or provider"),
            ));
        }
    }
}

impl Termination {
    fn base_overrides(&self) -> Overrides {
        Overrides {
            article: None,
            term_start: Some(self.term_start.clone()),
            initial_term: Some(self.initial_term.clone()),
            renewal: Some(self.renewal.clone()),
            notice: Some(self.notice.clone()),
            end_alignment: Some(self.end_alignment.clone()),
            notice_form: Some(self.notice_form.clone()),
        }
    }
}

impl Section for Termination {
    fn validate(&self, key: &str, problems: &mut Vec<Problem>) {
        validate_rules(key, &self.base_overrides(), problems);
        if self.services.is_empty() {
            problems.push(Problem::new(
                format!("{key}.services"),
                "no service is listed",
                Some("add at least one [[termination.services]] with kind, label and electronic_communications"),
            ));
        }
        for (i, s) in self.services.iter().enumerate() {
            let k = format!("{key}.services[{i}]");
            let kind_ok = !s.kind.is_empty()
                && s.kind
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !kind_ok {
                problems.push(Problem::new(
                    format!("{k}.kind"),
                    format!("'{}' is not a valid service kind", s.kind),
                    Some("use lower-case letters, digits and '_', e.g. \"dsl\""),
                ));
            }
            if self.services[..i].iter().any(|o| o.kind == s.kind) {
                problems.push(Problem::new(
                    format!("{k}.kind"),
                    format!("service '{}' is listed twice", s.kind),
                    Some("list each service kind once"),
                ));
            }
            validate_rules(&k, &s.overrides(), problems);
        }
        if let Some(d) = &self.default_service {
            if self.service(d).is_none() {
                problems.push(Problem::new(
                    format!("{key}.default_service"),
                    format!("'{d}' is not one of the listed services"),
                    Some("name the kind of one of the [[termination.services]]"),
                ));
            }
        }
        if let Some(w) = &self.when_term_agreed {
            validate_rules(&format!("{key}.when_term_agreed"), w, problems);
            if w.initial_term.is_some() {
                problems.push(Problem::new(
                    format!("{key}.when_term_agreed.initial_term"),
                    "the agreed term comes from --term-months, not from the file",
                    Some("remove initial_term here"),
                ));
            }
        }
        if matches!(self.initial_term, InitialTerm::None { .. })
            && matches!(self.renewal, Renewal::None { .. })
        {
            problems.push(Problem::new(
                format!("{key}.renewal"),
                "a contract without an initial term cannot end 'with its term'",
                Some("use renewal = { kind = \"indefinite\", ... } for an indefinite contract"),
            ));
        }
        let uses_working_days = self.notice.unit == NoticeUnit::WorkingDays
            || self.services.iter().any(|s| {
                s.notice
                    .as_ref()
                    .is_some_and(|n| n.unit == NoticeUnit::WorkingDays)
            });
        if uses_working_days && self.holidays.is_none() {
            problems.push(Problem::new(
                format!("{key}.notice.unit"),
                "working days are counted but no holiday set is named",
                Some("add holidays = { set = \"atw\", article = \"...\" }"),
            ));
        }
        for (i, r) in self.special_rights.iter().enumerate() {
            let k = format!("{key}.special_rights[{i}]");
            // Two rights of one kind for the same customer: the end-date calculation takes the
            // first that applies, so file order would decide the answer. Until every right of a
            // kind is evaluated (issue 13), such a file is refused. Entries with `right = false`
            // describe events of the kind that give no right and do not compete.
            let overlaps = |a: &SpecialRight, b: &SpecialRight| match (&a.customers, &b.customers) {
                (Some(x), Some(y)) => x.iter().any(|c| y.contains(c)),
                _ => true,
            };
            if r.right {
                if let Some(j) = self.special_rights[..i]
                    .iter()
                    .position(|e| e.right && e.kind == r.kind && overlaps(e, r))
                {
                    problems.push(Problem::new(
                        format!("{k}.kind"),
                        format!(
                            "special_rights[{j}] and [{i}] both give a right for a {} to the same customers; only the first would ever be used",
                            r.kind.describe()
                        ),
                        Some("merge them into one right, or give each its own `customers` list"),
                    ));
                }
            }
            if let Some(m) = r.effective_after_months {
                check_months(&format!("{k}.effective_after_months"), m, problems);
            }
            match &r.window {
                Window::DaysAfterAnnouncement { days } if *days == 0 || *days > MAX_DAYS => {
                    problems.push(Problem::new(
                        format!("{k}.window.days"),
                        format!("a window of {days} days is not possible"),
                        Some("use a whole number of days from 1"),
                    ))
                }
                Window::AfterMonthsOfEvent { months } => {
                    check_months(&format!("{k}.window.months"), *months, problems)
                }
                Window::AfterObjection {
                    objection_days,
                    agreement_days,
                } if *objection_days == 0
                    || *objection_days > MAX_DAYS
                    || *agreement_days > MAX_DAYS =>
                {
                    problems.push(Problem::new(
                        format!("{k}.window"),
                        format!("an objection window of {objection_days} days with {agreement_days} days to agree is not possible"),
                        Some("use whole numbers of days: objection_days from 1, agreement_days from 0"),
                    ))
                }
                _ => {}
            }
            if r.threshold_percent.is_some_and(|p| p > 100) {
                problems.push(Problem::new(
                    format!("{k}.threshold_percent"),
                    "a threshold above 100% is not plausible",
                    Some("give the percentage as a whole number, e.g. 5"),
                ));
            }
        }
    }

    fn describe(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let with_reading = |text: String, reading: Option<&str>| match reading {
            Some(r) => format!("{text} (reading: {r})"),
            None => text,
        };
        describe_rules(&mut out, "", &self.base_overrides(), &with_reading);
        if let Some(h) = &self.holidays {
            out.push((
                with_reading(
                    format!("Working days: {}", h.set.describe()),
                    h.reading.as_deref(),
                ),
                h.article.clone(),
            ));
        }
        if let Some(w) = &self.when_term_agreed {
            describe_rules(
                &mut out,
                "If the contract agrees a fixed term: ",
                w,
                &with_reading,
            );
        }
        for s in &self.services {
            let covered = if s.electronic_communications {
                "an electronic communications service, so Telecommunicatiewet art. 7.2a protects end-users"
            } else {
                "not an electronic communications service: Telecommunicatiewet art. 7.2a does not apply (consumers keep BW 6:236 sub j)"
            };
            let default = if self.default_service.as_deref() == Some(s.kind.as_str()) {
                " (default)"
            } else {
                ""
            };
            out.push((
                format!("Service '{}'{default}: {}; {covered}", s.kind, s.label),
                s.article.clone().unwrap_or_else(|| "-".into()),
            ));
            describe_rules(
                &mut out,
                &format!("Service '{}': ", s.kind),
                &s.overrides(),
                &with_reading,
            );
        }
        for r in &self.special_rights {
            out.push((describe_special(r), r.article.clone()));
        }
        out
    }
}

fn describe_rules(
    out: &mut Vec<(String, String)>,
    prefix: &str,
    o: &Overrides,
    with_reading: &dyn Fn(String, Option<&str>) -> String,
) {
    if let Some(t) = &o.term_start {
        out.push((
            with_reading(
                format!("{prefix}The term starts on {}", t.kind.describe()),
                t.reading.as_deref(),
            ),
            t.article.clone(),
        ));
    }
    if let Some(t) = &o.initial_term {
        let text = match t {
            InitialTerm::Months { months, .. } => format!(
                "{prefix}Initial term {months} months unless the contract agrees another (--term-months); it ends on the day before the start's day of the month {months} months later, or on that month's last day where it lacks that day (Regulation 1182/71 art. 3(2)(c))"
            ),
            InitialTerm::SetByContract { max_months, .. } => {
                let max = max_months
                    .map(|m| format!(" (at most {m} months)"))
                    .unwrap_or_default();
                match t {
                    InitialTerm::SetByContract {
                        indefinite: Some(a),
                        ..
                    } => format!("{prefix}Initial term set by the contract{max}: --term-months is required, or --indefinite for a contract entered for an indefinite period (art. {a})"),
                    _ => format!("{prefix}Initial term set by the contract{max}: --term-months is required"),
                }
            }
            InitialTerm::None { .. } => format!(
                "{prefix}No initial term: the contract runs for an indefinite period unless a fixed term is agreed (--term-months)"
            ),
        };
        out.push((with_reading(text, t.reading()), t.article().to_string()));
    }
    if let Some(r) = &o.renewal {
        let text = match r {
            Renewal::None { .. } => format!("{prefix}No renewal: the contract ends with its term"),
            Renewal::Fixed {
                months,
                period_ends,
                ..
            } => match period_ends {
                PeriodEnds::Anniversary => format!(
                    "{prefix}Without notice the contract renews tacitly for {months} months each time"
                ),
                PeriodEnds::MonthEnd => format!(
                    "{prefix}Without notice the contract renews tacitly by {months} calendar month(s) at a time, the first period running to the end of the month"
                ),
            },
            Renewal::Indefinite { .. } => format!(
                "{prefix}After the initial term (if any) the contract runs for an indefinite period"
            ),
        };
        out.push((with_reading(text, r.reading()), r.article().to_string()));
    }
    if let Some(n) = &o.notice {
        let mut text = format!("{prefix}Notice period: {}", n.describe());
        if let Some(note) = &n.note {
            text.push_str(&format!("; {note}"));
        }
        if let Some(o) = &n.on_request {
            text.push_str(&format!(
                "; at the customer's express request {} (art. {}; --requested-notice)",
                o.length, o.article
            ));
        }
        out.push((with_reading(text, n.reading.as_deref()), n.article.clone()));
    }
    match &o.end_alignment {
        Some(EndAlignment::EndOfCalendarMonth { article, reading }) => out.push((
            with_reading(
                format!("{prefix}The end is moved to the last day of the calendar month in which the notice period ends"),
                reading.as_deref(),
            ),
            article.clone(),
        )),
        Some(EndAlignment::None { article, reading }) => out.push((
            with_reading(
                format!("{prefix}The end is not moved to a month end"),
                reading.as_deref(),
            ),
            article.clone().unwrap_or_else(|| "-".into()),
        )),
        None => {}
    }
    if let Some(f) = &o.notice_form {
        let who = match f.parties.as_slice() {
            [Party::Customer] => "Only the customer",
            [Party::Provider] => "Only the provider",
            _ => "Either party",
        };
        let mut text = format!(
            "{prefix}{who} may give ordinary notice, {}",
            f.form.describe()
        );
        if let Some(d) = &f.detail {
            text.push_str(&format!("; {d}"));
        }
        out.push((with_reading(text, f.reading.as_deref()), f.article.clone()));
    }
}

fn describe_special(r: &SpecialRight) -> String {
    if !r.right {
        let mut t = format!(
            "No termination right ({}): {}",
            r.kind.describe(),
            r.condition
        );
        if let Some(reading) = &r.reading {
            t.push_str(&format!(" (reading: {reading})"));
        }
        return t;
    }
    let mut t = format!("Special right ({}): {}", r.kind.describe(), r.condition);
    if let Some(c) = &r.customers {
        let names: Vec<_> = c.iter().map(|c| c.as_str()).collect();
        t.push_str(&format!("; only for {}", names.join(", ")));
    }
    if let Some(p) = r.threshold_percent {
        t.push_str(&format!("; only for an increase of more than {p}%"));
    }
    if let Some(m) = r.effective_after_months {
        t.push_str(&format!(
            "; the change takes effect {m} month(s) after the announcement unless a later date is announced"
        ));
    }
    t.push_str(&match &r.window {
        Window::DaysAfterAnnouncement { days } => format!(
            "; notice must arrive within {days} days after the announcement (announcement + {days} days)"
        ),
        Window::BeforeEffectiveDate => {
            "; notice must arrive before the change takes effect".to_string()
        }
        Window::OnOrBeforeEffectiveDate => {
            "; notice must arrive at the latest on the day the change takes effect".to_string()
        }
        Window::AfterMonthsOfEvent { months } => {
            format!("; available once the event has lasted more than {months} months")
        }
        Window::NotStated => "; the terms state no window".to_string(),
        Window::AfterObjection {
            objection_days,
            agreement_days,
        } => format!(
            "; the customer must object within {objection_days} days after the announcement, and the right arises when no agreement is reached within {agreement_days} days after the objection (from objection + {} days; --objection)",
            agreement_days + 1
        ),
    });
    t.push_str(match r.ends {
        SpecialEnd::DayBeforeEffective => {
            "; last day in force: the day before the change takes effect"
        }
        SpecialEnd::OnReceipt => "; the contract ends on receipt of the notice",
        SpecialEnd::OrdinaryNotice => "; the ordinary notice period applies",
    });
    if let Some(f) = r.form {
        t.push_str(&format!("; form: {}", f.describe()));
    }
    t.push_str(if r.buyout {
        "; an early-termination sum is due"
    } else {
        "; no early-termination sum"
    });
    if let Some(reading) = &r.reading {
        t.push_str(&format!(" (reading: {reading})"));
    }
    t
}

#[cfg(test)]
mod tests {

    /// `WindowFile` mirrors `Window`: every window written by serde is read back the same.
    /// The exhaustive match makes a new `Window` variant fail to compile here until
    /// `WindowFile` has it too.
    #[test]
    fn window_file_reads_every_window() {
        let samples = [
            Window::DaysAfterAnnouncement { days: 14 },
            Window::BeforeEffectiveDate,
            Window::OnOrBeforeEffectiveDate,
            Window::AfterMonthsOfEvent { months: 2 },
            Window::NotStated,
            Window::AfterObjection {
                objection_days: 14,
                agreement_days: 7,
            },
        ];
        for w in samples {
            match &w {
                Window::DaysAfterAnnouncement { .. }
                | Window::BeforeEffectiveDate
                | Window::OnOrBeforeEffectiveDate
                | Window::AfterMonthsOfEvent { .. }
                | Window::NotStated
                | Window::AfterObjection { .. } => {}
            }
            #[derive(Serialize, Deserialize)]
            struct Holder {
                window: Window,
            }
            let text = toml::to_string(&Holder { window: w.clone() }).unwrap();
            let back: Holder = toml::from_str(&text).unwrap();
            assert_eq!(back.window, w, "{text}");
        }
    }
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "first");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(23), "23rd");
    }
}
