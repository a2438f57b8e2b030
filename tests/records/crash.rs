//! Crashes and concurrency: saves killed at random moments lose nothing completed and leave no
//! half-written record; two processes saving at once both succeed; a killed process's lock does
//! not block anyone.
//!
//! The child processes are this test binary re-run with `CHILD_MODE` set, selecting the ignored
//! `child_process` helper below: no test-only hook exists in the product.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::support::sample_record;
use clerkcheck::records::{RecordError, RecordStore, verify};

const CHILD_MODE: &str = "CLERKCHECK_RECORDS_TEST_CHILD_MODE";
const CHILD_DIR: &str = "CLERKCHECK_RECORDS_TEST_CHILD_DIR";
const CHILD_START: &str = "CLERKCHECK_RECORDS_TEST_CHILD_START_MS";

/// Run only as a child process: `save:N` saves N records (0 = until killed), printing
/// `saved <sequence> <sha256>` after each save returns; `hold-lock` takes the lock, prints
/// `locked` and sleeps.
#[test]
#[ignore = "helper run in a child process by the crash and concurrency tests"]
fn child_process() {
    let mode = std::env::var(CHILD_MODE).unwrap();
    let store = RecordStore::new(std::env::var(CHILD_DIR).unwrap());
    let mut out = std::io::stdout().lock();
    if mode == "hold-lock" {
        let _guard = store.lock().unwrap();
        writeln!(out, "locked").unwrap();
        out.flush().unwrap();
        std::thread::sleep(Duration::from_mins(10));
        return;
    }
    let count: usize = mode.strip_prefix("save:").unwrap().parse().unwrap();
    // Start together with the other child (a shared wall-clock start time), pausing briefly
    // between saves as real clerks do, so the two really contend for the lock.
    let pause = if let Ok(start) = std::env::var(CHILD_START) {
        let start = std::time::UNIX_EPOCH + Duration::from_millis(start.parse().unwrap());
        if let Ok(wait) = start.duration_since(std::time::SystemTime::now()) {
            std::thread::sleep(wait);
        }
        Duration::from_millis(1)
    } else {
        Duration::ZERO
    };
    let record = sample_record(&format!("Clerk {}", std::process::id()), None);
    let mut saved = 0;
    while count == 0 || saved < count {
        let stored = store.save(record.clone()).unwrap();
        writeln!(out, "saved {} {}", stored.record.sequence, stored.sha256).unwrap();
        out.flush().unwrap();
        saved += 1;
        std::thread::sleep(pause);
    }
}

fn spawn_child(dir: &Path, mode: &str) -> Child {
    spawn_child_with(dir, mode, None)
}

fn spawn_child_with(dir: &Path, mode: &str, start_ms: Option<u128>) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    if let Some(start) = start_ms {
        command.env(CHILD_START, start.to_string());
    }
    command
        .args([
            "crash::child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_MODE, mode)
        .env(CHILD_DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The `saved` lines a child printed: sequence → hash.
fn saved_lines(output: &str) -> BTreeMap<u64, String> {
    output
        .lines()
        .filter_map(|l| l.strip_prefix("saved "))
        .map(|l| {
            let (seq, hash) = l.split_once(' ').unwrap();
            (seq.parse().unwrap(), hash.to_owned())
        })
        .collect()
}

/// A small deterministic generator (xorshift), seeded from the clock and printed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killing_saves_at_random_moments_loses_no_completed_record_and_leaves_no_half_written_one() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let store = RecordStore::new(&records);
    let seed = u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos(),
    ) | 1;
    eprintln!("kill test seed: {seed}");
    let mut rng = Rng(seed);
    let mut completed: BTreeMap<u64, String> = BTreeMap::new();
    let mut kills_with_leftover_temp = 0;
    let mut kills_after_write_before_report = 0;
    let mut temps_before = 0;

    for round in 0..120 {
        let mut child = spawn_child(&records, "save:0");
        // Wait until the child has saved its first record (however slow the machine is), then
        // let it go on for a random moment and kill it mid-stride.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut output = String::new();
        while !output.contains("saved ") {
            let read = stdout.read_line(&mut output).unwrap();
            assert!(
                read > 0,
                "round {round}: the child ended before saving: {output}"
            );
        }
        std::thread::sleep(Duration::from_micros(rng.next() % 20_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        stdout.read_to_string(&mut output).unwrap();
        let reported = saved_lines(&output);
        let newest_reported = reported.keys().next_back().copied();
        completed.extend(reported);

        let listing = store.list();
        assert!(
            listing.unreadable.is_empty(),
            "round {round} (seed {seed}): half-written or damaged files: {:?}",
            listing.unreadable
        );
        for (seq, hash) in &completed {
            let found = listing.records.iter().find(|r| r.record.sequence == *seq);
            assert_eq!(
                found.map(|r| r.sha256.as_str()),
                Some(hash.as_str()),
                "round {round} (seed {seed}): completed record {seq} lost or changed"
            );
        }
        let report = verify(&listing);
        assert!(
            report.is_intact(),
            "round {round} (seed {seed}): {report:#?}"
        );
        let newest_on_disk = listing.records.last().map(|r| r.record.sequence);
        if newest_on_disk > newest_reported.or(completed.keys().next_back().copied()) {
            kills_after_write_before_report += 1;
        }
        let temps_now = fs_err::read_dir(&records).map_or(0, |d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".tmp-record-"))
                .count()
        });
        if temps_now > temps_before {
            kills_with_leftover_temp += 1;
        }
        temps_before = temps_now;
    }
    let total = store.list().records.len();
    eprintln!(
        "kill test: 120 kills, {} records completed and reported, {total} on disk, \
         killed {kills_with_leftover_temp} times mid-write (temporary file left), \
         {kills_after_write_before_report} times after naming a record but before reporting it",
        completed.len()
    );
    // Every round waited for at least one completed save.
    assert!(
        completed.len() >= 120,
        "fewer completed saves than rounds: {}",
        completed.len()
    );
    // Every file in the folder is a whole record, the lock, or an ignored temporary file.
    for entry in fs_err::read_dir(&records).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == ".lock"
                || name == "HEAD"
                || name.starts_with(".tmp-record-")
                || name.starts_with(".tmp-head-")
                || Path::new(&name).extension().is_some_and(|e| e == "ron"),
            "unexpected file {name}"
        );
    }
}

#[test]
fn two_processes_saving_fifty_records_each_end_with_a_hundred_and_an_intact_chain() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        + 500;
    let a = spawn_child_with(&records, "save:50", Some(start));
    let b = spawn_child_with(&records, "save:50", Some(start));
    let mut saved = BTreeMap::new();
    for child in [a, b] {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        let lines = saved_lines(&String::from_utf8(output.stdout).unwrap());
        assert_eq!(lines.len(), 50);
        for (seq, hash) in lines {
            assert!(
                saved.insert(seq, hash).is_none(),
                "record {seq} saved twice"
            );
        }
    }
    let listing = RecordStore::new(&records).list();
    assert!(listing.unreadable.is_empty(), "{:?}", listing.unreadable);
    let sequences: Vec<u64> = listing.records.iter().map(|r| r.record.sequence).collect();
    assert_eq!(sequences, (1..=100).collect::<Vec<_>>());
    for r in &listing.records {
        assert_eq!(saved[&r.record.sequence], r.sha256);
    }
    let report = verify(&listing);
    assert!(report.is_intact(), "{report:#?}");
    assert_eq!(report.counts.intact, 100);
    // Both processes really ran at the same time: their records interleave.
    let signers: Vec<&str> = listing
        .records
        .iter()
        .map(|r| r.record.signer.name.as_str())
        .collect();
    let switches = signers.windows(2).filter(|w| w[0] != w[1]).count();
    eprintln!("two processes: the writer changed {switches} times in 100 records");
}

#[test]
fn a_killed_process_holding_the_lock_does_not_block_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let mut child = spawn_child(&records, "hold-lock");
    // The test harness prints its own lines first; wait for the child's.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(lines.any(|l| l.unwrap() == "locked"));

    // While the other process lives, its lock holds.
    let impatient = RecordStore::new(&records).with_lock_timeout(Duration::from_millis(200));
    assert!(matches!(
        impatient.save(sample_record("Too early", None)),
        Err(RecordError::LockTimeout { .. })
    ));

    child.kill().unwrap();
    child.wait().unwrap();
    let store = RecordStore::new(&records).with_lock_timeout(Duration::from_secs(5));
    let started = Instant::now();
    let saved = store.save(sample_record("After the crash", None)).unwrap();
    assert_eq!(saved.record.sequence, 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
