//! The batch engine: a reader thread cuts the input into chunks of rows, worker threads answer
//! every row through the library (`Question::answer`, the function a single call uses too), and
//! the calling thread writes the results in input order.
//!
//! A row becomes `(column, text)` pairs (the command line's own options first), which
//! deserialise straight into the command's request type; no command line is built or parsed per
//! row. CSV output asks for no steps and writes each field of the typed result straight into the
//! chunk's buffer ([`Tabular::visit_fields`]); JSON is serialised from the typed result (no
//! intermediate tree); a table goes through the same [`Report`] as a single call.

use super::batch::{
    field_count_error, is_blank, not_utf8, read_bounded_line, read_csv_record, split_csv_line,
    too_long, trim_line, Column, InputFormat, LineRead, RowWriter, Stop, MAX_RECORD,
};
use super::{Asked, Context, Format};
use chrono::NaiveDate;
use serde::de::value::MapDeserializer;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, BufReader, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use termcalc::calc::Env;
use termcalc::law::rates::RateTables;
use termcalc::report::{self, TableStyle, Tabular, Value};
use termcalc::terms::Provider;

/// Rows per chunk handed to a worker (fewer for JSON and tables, whose rows are larger).
const CHUNK_ROWS: usize = 1024;
const CHUNK_ROWS_LARGE: usize = 128;
/// A chunk is also sent when its input text reaches this size, so that memory stays bounded
/// with long rows.
const CHUNK_BYTES: usize = 1 << 20;

/// A batch row's environment: the command line's context, with the row's own `as-of` date.
struct RowEnv<'a> {
    ctx: &'a Context,
    as_of: NaiveDate,
}

impl Env for RowEnv<'_> {
    fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    fn provider(&self, id: &str) -> termcalc::Result<&Provider> {
        self.ctx.provider(id)
    }
    fn rate_tables(&self) -> termcalc::Result<&RateTables> {
        self.ctx.rate_tables()
    }
}

/// Reads a JSON Lines row into (column, text) pairs, or says what is wrong with it.
pub(crate) type JsonPairs<'a> = dyn Fn(&str) -> Result<Vec<(usize, String)>, String> + Sync + 'a;

/// What every worker reads, shared.
pub(crate) struct Plan<'a> {
    pub ctx: &'a Context,
    pub format: Format,
    pub explain: bool,
    pub style: TableStyle,
    pub command: &'a str,
    pub input: InputFormat,
    pub columns: &'a [Column],
    /// CSV: the column (index into `columns`) of each field of a row, from the header.
    pub cols: &'a [usize],
    /// The command line's own options as (column, text), given to every row.
    pub base: &'a [(usize, String)],
    /// JSON Lines: a line's (column, text) pairs, after the key checks (their messages).
    pub json: &'a JsonPairs<'a>,
}

/// Consecutive records of the input, with the row number of the first.
struct Chunk {
    seq: u64,
    first_row: u64,
    data: Vec<u8>,
    rows: Vec<Span>,
}

/// A record of a chunk: a byte range in `data`, or a record too long to keep (its length).
#[derive(Clone, Copy)]
enum Span {
    Line(usize, usize),
    TooLong(u64),
}

/// A piece of a computed chunk, in row order.
enum Seg {
    /// Output for `rows` rows (ok rows only for CSV; every row for JSON and tables), ending at
    /// `end` in the chunk's bytes.
    Bytes { end: usize, rows: u64 },
    /// CSV: a failed row, written by the writer (the header may still be pending).
    Error(u64, String),
}

/// What reaches the writing thread, numbered in input order.
enum Done {
    Chunk {
        seq: u64,
        bytes: Vec<u8>,
        segs: Vec<Seg>,
        /// CSV: the result columns of the chunk's ok rows (all rows of a command have the same).
        keys: Option<Vec<&'static str>>,
        failed: u64,
        data_error: bool,
    },
    ReadFailed(u64, io::Error),
    End(u64),
}

fn seq_of(d: &Done) -> u64 {
    match d {
        Done::Chunk { seq, .. } | Done::ReadFailed(seq, _) | Done::End(seq) => *seq,
    }
}

/// Why a row failed: its message, and whether it met invalid provider or rate data (exit 3).
struct RowFault {
    msg: String,
    data: bool,
}

impl From<String> for RowFault {
    fn from(msg: String) -> Self {
        RowFault { msg, data: false }
    }
}

impl From<termcalc::Error> for RowFault {
    fn from(e: termcalc::Error) -> Self {
        RowFault {
            data: e.exit_code() == 3,
            msg: e.to_string(),
        }
    }
}

/// Totals of a run, for the summary and the exit code.
#[derive(Default)]
pub(crate) struct Counts {
    pub rows: u64,
    pub failed: u64,
    pub data_error: bool,
}

/// Runs every remaining record of `reader` as a row of `Q`, writing the results to `out` in
/// input order. `first_row` is the number of the first row read.
pub(crate) fn run<Q: Asked, W: Write>(
    plan: &Plan<'_>,
    reader: BufReader<Box<dyn Read + Send>>,
    first_row: u64,
    out: &mut RowWriter<W>,
    input_name: &str,
) -> Result<Counts, Stop> {
    out.flush()?;
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 8));
    let chunk_rows = if plan.format == Format::Csv {
        CHUNK_ROWS
    } else {
        CHUNK_ROWS_LARGE
    };
    let (work_tx, work_rx) = sync_channel::<Chunk>(workers);
    // Shared by the workers; when they have all stopped, the reader's sends fail too.
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(workers);
    let mut counts = Counts::default();
    let input = plan.input;
    std::thread::scope(|scope| {
        let done = done_tx.clone();
        scope.spawn(move || read_chunks(reader, input, first_row, chunk_rows, &work_tx, &done));
        for _ in 0..workers {
            let done = done_tx.clone();
            let work_rx = Arc::clone(&work_rx);
            scope.spawn(move || worker::<Q>(plan, &work_rx, &done));
        }
        drop(done_tx);
        drop(work_rx);
        write_in_order(done_rx, out, &mut counts, input_name)
    })?;
    Ok(counts)
}

fn worker<Q: Asked>(plan: &Plan<'_>, work: &Mutex<Receiver<Chunk>>, done: &SyncSender<Done>) {
    loop {
        let chunk = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = chunk else { return };
        if done.send(answer_chunk::<Q>(plan, chunk)).is_err() {
            return;
        }
    }
}

/// Writes the chunks in input order; a chunk that arrives early waits in `held`.
fn write_in_order<W: Write>(
    done: Receiver<Done>,
    out: &mut RowWriter<W>,
    counts: &mut Counts,
    input_name: &str,
) -> Result<(), Stop> {
    let mut held = BTreeMap::new();
    let mut next = 0u64;
    loop {
        let msg = match held.remove(&next) {
            Some(m) => m,
            None => {
                let m = match done.try_recv() {
                    Ok(m) => m,
                    Err(_) => {
                        // Nothing ready: what is written so far reaches a pipeline now.
                        out.flush()?;
                        match done.recv() {
                            Ok(m) => m,
                            Err(_) => return Ok(()),
                        }
                    }
                };
                held.insert(seq_of(&m), m);
                continue;
            }
        };
        next += 1;
        match msg {
            Done::End(_) => return Ok(()),
            Done::ReadFailed(_, e) => {
                return Err(Stop::Input(format!(
                    "--input: cannot read {input_name}: {}",
                    termcalc::terms::io_reason(&e)
                )))
            }
            Done::Chunk {
                bytes,
                segs,
                keys,
                failed,
                data_error,
                ..
            } => {
                counts.failed += failed;
                counts.data_error |= data_error;
                let mut at = 0;
                for seg in segs {
                    match seg {
                        Seg::Error(row, msg) => {
                            counts.rows += 1;
                            out.error(row, &msg)?;
                        }
                        Seg::Bytes { end, rows } => {
                            counts.rows += rows;
                            out.ok_csv_lines(&bytes[at..end], keys.as_deref().unwrap_or(&[]))?;
                            at = end;
                        }
                    }
                }
            }
        }
    }
}

/// The reader thread: cuts the input into chunks. A chunk goes out when full, and also when the
/// next read would wait for input, so a slow pipe still gets each result promptly.
fn read_chunks(
    mut reader: BufReader<Box<dyn Read + Send>>,
    input: InputFormat,
    first_row: u64,
    chunk_rows: usize,
    work: &SyncSender<Chunk>,
    done: &SyncSender<Done>,
) {
    let mut seq = 0u64;
    let mut row = first_row;
    let new_chunk = |seq: u64, row: u64| Chunk {
        seq,
        first_row: row,
        data: Vec::with_capacity(chunk_rows * 64),
        rows: Vec::with_capacity(chunk_rows),
    };
    let mut chunk = new_chunk(seq, row);
    let mut line = Vec::new();
    loop {
        if !chunk.rows.is_empty()
            && (chunk.rows.len() >= chunk_rows
                || chunk.data.len() >= CHUNK_BYTES
                || reader.buffer().is_empty())
        {
            seq += 1;
            let full = std::mem::replace(&mut chunk, new_chunk(seq, row));
            if work.send(full).is_err() {
                return;
            }
        }
        let read = match input {
            InputFormat::Csv => read_csv_record(&mut reader, &mut line, MAX_RECORD),
            InputFormat::Jsonl => read_bounded_line(&mut reader, &mut line, MAX_RECORD),
        };
        match read {
            Err(e) => {
                let _ = send_last(work, chunk, done, Done::ReadFailed(seq + 1, e));
                return;
            }
            Ok(LineRead::Eof) => {
                let _ = send_last(work, chunk, done, Done::End(seq + 1));
                return;
            }
            Ok(LineRead::TooLong(n)) => {
                chunk.rows.push(Span::TooLong(n));
                row += 1;
            }
            Ok(LineRead::Line) => {
                let mut l = trim_line(&line);
                if input == InputFormat::Jsonl && row == 1 {
                    l = l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l);
                }
                if is_blank(l) {
                    continue;
                }
                let start = chunk.data.len();
                chunk.data.extend_from_slice(l);
                chunk.rows.push(Span::Line(start, chunk.data.len()));
                row += 1;
            }
        }
    }
}

/// Sends the last (possibly empty) chunk and then the closing message, numbered after it.
fn send_last(
    work: &SyncSender<Chunk>,
    chunk: Chunk,
    done: &SyncSender<Done>,
    last: Done,
) -> Result<(), ()> {
    // An empty chunk is still sent so that the numbering has no gap.
    work.send(chunk).map_err(|_| ())?;
    done.send(last).map_err(|_| ())
}

/// Answers every row of a chunk into output bytes.
fn answer_chunk<Q: Asked>(plan: &Plan<'_>, chunk: Chunk) -> Done {
    let mut bytes = Vec::with_capacity(chunk.data.len() * 2);
    let mut segs = Vec::new();
    let mut keys: Option<Vec<&'static str>> = None;
    let mut failed = 0;
    let mut data_error = false;
    let mut pending_rows = 0u64;
    let mut bufs = Bufs::default();
    // One check of the whole chunk is cheaper than one per row; only a chunk with invalid
    // UTF-8 somewhere is checked row by row (to name the row and the byte).
    let whole = std::str::from_utf8(&chunk.data).ok();
    for (i, span) in chunk.rows.iter().enumerate() {
        let row = chunk.first_row + i as u64;
        let start = bytes.len();
        let outcome = match *span {
            Span::TooLong(n) => Err(RowFault::from(too_long(n))),
            Span::Line(a, b) => match whole
                .and_then(|w| w.get(a..b))
                .map_or_else(|| std::str::from_utf8(&chunk.data[a..b]), Ok)
            {
                Err(e) => Err(RowFault::from(not_utf8(&e))),
                Ok(text) => answer_row::<Q>(plan, text, row, &mut bytes, &mut keys, &mut bufs),
            },
        };
        match outcome {
            Ok(()) => pending_rows += 1,
            Err(fault) => {
                failed += 1;
                data_error |= fault.data;
                let msg = one_line(&fault.msg);
                bytes.truncate(start);
                match plan.format {
                    Format::Csv => {
                        if pending_rows > 0 {
                            segs.push(Seg::Bytes {
                                end: start,
                                rows: pending_rows,
                            });
                            pending_rows = 0;
                        }
                        segs.push(Seg::Error(row, msg));
                    }
                    Format::Json => {
                        let obj = report::ErrorRow::new(row, &msg, plan.command);
                        let _ = serde_json::to_writer(&mut bytes, &obj);
                        bytes.push(b'\n');
                        pending_rows += 1;
                    }
                    Format::Table => {
                        let _ = writeln!(bytes, "row {row}: error: {msg}\n");
                        pending_rows += 1;
                    }
                }
            }
        }
    }
    if pending_rows > 0 {
        segs.push(Seg::Bytes {
            end: bytes.len(),
            rows: pending_rows,
        });
    }
    Done::Chunk {
        seq: chunk.seq,
        bytes,
        segs,
        keys,
        failed,
        data_error,
    }
}

/// Per-chunk buffers for [`answer_row`].
#[derive(Default)]
struct Bufs {
    fields: Vec<Cow<'static, str>>,
    pairs: Vec<(usize, &'static str)>,
    named: Vec<(&'static str, &'static str)>,
    scratch: String,
}

impl Bufs {
    /// The vector emptied, with its allocation kept for the next row: collecting the empty
    /// `into_iter` of a same-sized type reuses the buffer in place.
    fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
        v.clear();
        v.into_iter()
            .map(|_| unreachable!("the vector is empty"))
            .collect()
    }
}

/// One row: its pairs, the request, the answer, the output.
fn answer_row<Q: Asked>(
    plan: &Plan<'_>,
    text: &str,
    row: u64,
    out: &mut Vec<u8>,
    keys: &mut Option<Vec<&'static str>>,
    bufs: &mut Bufs,
) -> Result<(), RowFault> {
    let json_pairs;
    let mut joined: Vec<(usize, String)> = Vec::new();
    // (column, text) of the row, the command line's options first. The vectors are the
    // chunk's, lent for this row and handed back empty (no allocation per row; a row that
    // fails drops them and the next one starts new ones).
    let mut fields: Vec<Cow<str>> = std::mem::take(&mut bufs.fields);
    let mut pairs: Vec<(usize, &str)> = std::mem::take(&mut bufs.pairs);
    let mut named: Vec<(&str, &str)> = std::mem::take(&mut bufs.named);
    let scratch = &mut bufs.scratch;
    pairs.extend(plan.base.iter().map(|(c, v)| (*c, v.as_str())));
    match plan.input {
        InputFormat::Csv => {
            split_csv_line(text, &mut fields)?;
            if fields.len() != plan.cols.len() {
                return Err(field_count_error(fields.len(), plan.cols.len()).into());
            }
            for (f, &c) in fields.iter().zip(plan.cols) {
                let v = f.trim();
                if !v.is_empty() {
                    pairs.push((c, v));
                }
            }
        }
        InputFormat::Jsonl => {
            json_pairs = (plan.json)(text)?;
            pairs.extend(json_pairs.iter().map(|(c, v)| (*c, v.as_str())));
        }
    }
    // A repeatable option in several CSV columns: one value, `;`-separated, as in one column.
    for i in 1..pairs.len() {
        let c = pairs[i].0;
        if pairs[..i].iter().any(|p| p.0 == c) && !joined.iter().any(|j| j.0 == c) {
            let all: Vec<&str> = pairs.iter().filter(|p| p.0 == c).map(|p| p.1).collect();
            joined.push((c, all.join(";")));
        }
    }
    let mut as_of = plan.ctx.as_of;
    for &(c, v) in pairs.iter() {
        let col = &plan.columns[c];
        if col.long == "as-of" {
            as_of = termcalc::calendar::parse_date(v).map_err(|e| format!("`as-of`: {e}"))?;
            continue;
        }
        match joined.iter().find(|j| j.0 == c) {
            Some(j) if !named.iter().any(|n| n.0 == col.long) => {
                named.push((&col.long, &j.1));
            }
            Some(_) => {}
            None => named.push((&col.long, v)),
        }
    }
    let de = MapDeserializer::<_, serde::de::value::Error>::new(named.iter().copied());
    let request = Q::deserialize(de).map_err(|e| RowFault::from(e.to_string()));
    bufs.named = Bufs::recycle(named);
    bufs.pairs = Bufs::recycle(pairs);
    bufs.fields = Bufs::recycle(fields);
    let request = request?;
    let env = RowEnv {
        ctx: plan.ctx,
        as_of,
    };
    request.check()?;
    match plan.format {
        Format::Csv => {
            let outcome = request.answer(&env, false)?;
            write_csv_row(out, row, &outcome.result, &outcome.warnings, keys, scratch)?;
        }
        Format::Json => {
            let outcome = request.answer(&env, true)?;
            let inputs = request.inputs_json(&env, &outcome);
            let obj = report::Envelope {
                row: Some(row),
                command: Q::COMMAND,
                inputs: &inputs,
                result: &outcome.result,
                steps: &outcome.steps,
                warnings: &outcome.warnings,
            };
            serde_json::to_writer(&mut *out, &obj).map_err(|e| RowFault::from(e.to_string()))?;
            out.push(b'\n');
        }
        Format::Table => {
            let report = super::answer_report(&request, &env)?;
            let _ = writeln!(out, "row {row}: ok");
            out.extend_from_slice(
                report::render_table(&report, plan.explain, plan.style).as_bytes(),
            );
            out.push(b'\n');
        }
    }
    Ok(())
}

/// A CSV ok row: `row,ok,,` then every field of the result, then the warnings. The first ok row
/// of a chunk records the keys; the writer checks them against the header.
fn write_csv_row<T: Tabular>(
    out: &mut Vec<u8>,
    row: u64,
    result: &T,
    warnings: &[String],
    keys: &mut Option<Vec<&'static str>>,
    scratch: &mut String,
) -> Result<(), RowFault> {
    push_number(out, row);
    out.extend_from_slice(b",ok,");
    let mut seen: Vec<&'static str> = Vec::new();
    let recording = keys.is_none();
    let mut i = 0;
    let mut same = true;
    result.visit_fields(&mut |key, _label, value| {
        out.push(b',');
        match value {
            Value::Text(t) => report::push_csv_field(out, t),
            _ => {
                scratch.clear();
                value.write_to(scratch);
                report::push_csv_field(out, scratch);
            }
        }
        if recording {
            seen.push(key);
        } else if keys.as_ref().and_then(|k| k.get(i)) != Some(&key) {
            same = false;
        }
        i += 1;
    });
    if recording {
        *keys = Some(seen);
    } else if !same || keys.as_ref().map_or(0, Vec::len) != i {
        // Not possible for a result type whose fields are fixed (the values would land under
        // the wrong columns): a bug, said as the row's error rather than written wrongly.
        return Err(RowFault::from(
            "termcalc bug: this row's result columns differ from the first row's".to_string(),
        ));
    }
    out.push(b',');
    if !warnings.is_empty() {
        report::push_csv_field(out, &report::warnings_cell(warnings));
    }
    out.push(b'\n');
    Ok(())
}

/// The decimal digits of `n` (a row number), without the formatting machinery.
fn push_number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(termcalc::money::digits(n, &mut [0u8; 20]).as_bytes());
}

fn one_line(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_string();
    }
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::Bufs;

    #[test]
    fn recycling_keeps_the_allocation() {
        let text = String::from("a,b");
        let mut v: Vec<(usize, &str)> = Vec::with_capacity(16);
        v.push((0, &text[..1]));
        let kept: Vec<(usize, &'static str)> = Bufs::recycle(v);
        assert!(kept.is_empty());
        assert!(kept.capacity() >= 16);
    }

    #[test]
    fn row_numbers() {
        let mut out = Vec::new();
        for n in [0, 7, 10, 1234567890123, u64::MAX] {
            out.clear();
            super::push_number(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }
}
