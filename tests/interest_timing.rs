//! Throwaway timing harness (issue 11): ns per row of `InterestInput::answer(.., false)` over
//! the bench files. Run: cargo test --release --test interest_timing -- --ignored --nocapture
use std::time::Instant;
use termcalc::calc::requests::InterestInput;
use termcalc::calc::Env;
use termcalc::law::rates::RateTables;
use termcalc::terms::{Provider, ProviderSet};

struct E(RateTables, ProviderSet, chrono::NaiveDate);
impl Env for E {
    fn as_of(&self) -> chrono::NaiveDate {
        self.2
    }
    fn provider(&self, id: &str) -> termcalc::error::Result<&Provider> {
        self.1.get(id)
    }
    fn rate_tables(&self) -> termcalc::error::Result<&RateTables> {
        Ok(&self.0)
    }
}

fn rows(file: &str) -> Vec<InterestInput> {
    let text = std::fs::read_to_string(format!("/work/main/bench/data/{file}")).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(|s| s.replace('_', "-")).collect();
    lines
        .map(|l| {
            let mut m = serde_json::Map::new();
            for (h, v) in header.iter().zip(l.split(',')) {
                m.insert(h.clone(), serde_json::Value::String(v.to_string()));
            }
            serde_json::from_value(serde_json::Value::Object(m)).unwrap()
        })
        .collect()
}

#[test]
#[ignore]
fn time_after() {
    let env = E(RateTables::embedded().unwrap(), ProviderSet::embedded().unwrap(), "2025-06-30".parse().unwrap());
    for file in ["interest-ledger.csv", "interest-actact.csv", "interest-provider.csv", "interest-payments.csv", "big.csv"] {
        let qs = rows(file);
        for round in 0..2 {
            let t = Instant::now();
            let mut ok = 0usize;
            for q in &qs {
                if q.answer(&env, false).is_ok() {
                    ok += 1;
                }
            }
            let ns = t.elapsed().as_nanos() as f64 / qs.len() as f64;
            println!("AFTER {file} round {round}: {ns:.0} ns/row ({ok}/{} ok)", qs.len());
        }
    }
}
