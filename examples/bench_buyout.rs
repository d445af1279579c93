//! THROWAWAY timing harness (deleted before finishing).
use std::time::Instant;
use termcalc::calc::buyout::{buyout, BuyoutRequest};
use termcalc::calc::requests::EndDateInput;
use termcalc::calc::{Env, Question};
use termcalc::calendar::parse_date;
use termcalc::money::parse_amount;
use termcalc::terms::{Provider, ProviderSet};

struct E(ProviderSet, chrono::NaiveDate);
impl Env for E {
    fn as_of(&self) -> chrono::NaiveDate { self.1 }
    fn provider(&self, id: &str) -> termcalc::error::Result<&Provider> { self.0.get(id) }
    fn rate_tables(&self) -> termcalc::error::Result<&termcalc::law::rates::RateTables> { unimplemented!() }
}

fn main() {
    let env = E(ProviderSet::embedded().unwrap(), parse_date("2026-12-04").unwrap());
    let as_of = env.1;
    // end-date
    let mut rdr = csv::Reader::from_path("/work/main/bench/data/end-date.csv").unwrap();
    let mut eds = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let o = |i: usize| Some(r[i].trim()).filter(|s| !s.is_empty());
        eds.push(EndDateInput {
            provider: r[0].to_string(),
            customer: o(1).map(|s| s.parse().unwrap()),
            service: o(2).map(str::to_string),
            start: o(3).map(|s| parse_date(s).unwrap()),
            notice: o(4).map(|s| parse_date(s).unwrap()),
            term_months: o(5).map(|s| s.parse().unwrap()),
            ..Default::default()
        });
    }
    let mode = std::env::args().nth(1).unwrap_or_default();
    for round in 0..3 {
        if mode == "buyout" { break; }
        let t = Instant::now();
        let mut ok = 0;
        for i in &eds {
            if Question::answer(i, &env, false).is_ok() { ok += 1; }
        }
        let ns = t.elapsed().as_nanos() as f64 / eds.len() as f64;
        println!("end-date round {round}: {ns:.0} ns/row ({ok} ok of {})", eds.len());
    }
    // buyout
    let mut rdr = csv::Reader::from_path("/work/main/bench/data/buyout.csv").unwrap();
    struct Row { provider: String, customer: Option<termcalc::terms::CustomerType>, service: Option<String>, start: chrono::NaiveDate, end: chrono::NaiveDate, notice: Option<chrono::NaiveDate>, term_months: Option<u32>, monthly: rust_decimal::Decimal, usage: Option<rust_decimal::Decimal>, one_off: Option<rust_decimal::Decimal>, list: Option<rust_decimal::Decimal>, nd: bool }
    let mut rows = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let o = |i: usize| Some(r[i].trim()).filter(|s| !s.is_empty());
        rows.push(Row {
            provider: r[0].to_string(),
            customer: o(1).map(|s| s.parse().unwrap()),
            service: o(2).map(str::to_string),
            start: parse_date(&r[3]).unwrap(),
            end: parse_date(&r[4]).unwrap(),
            notice: o(5).map(|s| parse_date(s).unwrap()),
            term_months: o(6).map(|s| s.parse().unwrap()),
            monthly: parse_amount(&r[7]).unwrap(),
            usage: o(8).map(|s| parse_amount(s).unwrap()),
            one_off: o(9).map(|s| parse_amount(s).unwrap()),
            list: o(10).map(|s| parse_amount(s).unwrap()),
            nd: o(11).is_some_and(|s| s == "true"),
        });
    }
    for round in 0..3 {
        if mode == "end-date" { break; }
        let t = Instant::now();
        let mut ok = 0;
        for r in &rows {
            let p = env.provider(&r.provider).unwrap();
            let req = BuyoutRequest { provider: p, start: r.start, leaving_day: r.end, notice: r.notice.unwrap_or(as_of), monthly: r.monthly, list_monthly: r.list, term_months: r.term_months, usage_monthly: r.usage, one_off: r.one_off, not_delivered: r.nd, prices_incl_vat: false, customer: r.customer, service: r.service.clone(), indefinite: false, requested_notice: false, as_of };
            if buyout(&req).is_ok() { ok += 1; }
        }
        let ns = t.elapsed().as_nanos() as f64 / rows.len() as f64;
        println!("buyout (before, always traced) round {round}: {ns:.0} ns/row ({ok} ok of {})", rows.len());
    }
}
