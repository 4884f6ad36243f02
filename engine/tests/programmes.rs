//! Extended home-visiting programmes: the shipped definitions, located errors in bad
//! definitions and bad inputs, the plan merged with the check-up series, and the uptake
//! report's counts and suppression.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use std::path::Path;
use trygg::programme::plan::{evaluate_programme_json, input_from_value, PlanEntry};
use trygg::programme::report::{Cell, Period, Rate, Report};
use trygg::programme::{
    compile_programme, evaluate_programme, load_programme, run_examples, Programmes,
};
use trygg::Registry;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

fn rinkeby_value() -> Value {
    serde_json::from_str(&read("programmes/rinkeby-model/1.0.0.json")).unwrap()
}

fn checkups() -> Registry {
    let mut r = Registry::new();
    for f in ["4m", "6-8w/1.1.0", "6-8w", "10m"] {
        let path = if f.contains('/') {
            format!("forms/trygg-start/{f}.json")
        } else {
            format!("forms/trygg-start/{f}/1.0.0.json")
        };
        r.insert(trygg::load(&read(&path)).unwrap()).unwrap();
    }
    r
}

#[test]
fn shipped_programmes_validate_and_pass_their_examples() {
    for rel in [
        "programmes/rinkeby-model/1.0.0.json",
        "programmes/skaggetorp-model/1.0.0.json",
    ] {
        let p = load_programme(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(p.def().areas.example_data, "{rel}: areas are example data");
        let results = run_examples(&p);
        assert!(results.len() >= 4, "{rel}");
        for r in results {
            assert!(
                r.passed(),
                "{rel} #{} {}: {:?}",
                r.index,
                r.name,
                r.failures
            );
        }
    }
    let sk = load_programme(&read("programmes/skaggetorp-model/1.0.0.json")).unwrap();
    assert_eq!(sk.def().visits.len(), 8);
    let rk = load_programme(&read("programmes/rinkeby-model/1.0.0.json")).unwrap();
    assert_eq!(rk.def().visits.len(), 5);
    assert!(rk.def().visits.iter().all(|v| v.joint));
}

#[test]
fn hash_ignores_key_order_and_whitespace() {
    let a = compile_programme(&rinkeby_value()).unwrap();
    let text = serde_json::to_string(&rinkeby_value()).unwrap();
    let b = load_programme(&text).unwrap();
    assert_eq!(a.hash(), b.hash());
    assert!(a.hash().starts_with("sha256:"));
}

fn compile_errors(edit: impl FnOnce(&mut Value)) -> Vec<(String, String)> {
    let mut v = rinkeby_value();
    edit(&mut v);
    let text = serde_json::to_string(&v).unwrap();
    match load_programme(&text) {
        Ok(_) => Vec::new(),
        Err(e) => {
            e.0.into_iter()
                .map(|e| (e.code.to_string(), e.path))
                .collect()
        }
    }
}

#[test]
fn bad_definitions_get_located_errors() {
    let has = |errs: &[(String, String)], code: &str, ptr: &str| {
        assert!(
            errs.iter().any(|(c, p)| c == code && p == ptr),
            "want {code} at {ptr}, got {errs:?}"
        );
    };
    let e = compile_errors(|v| v["eligibility"][0]["when"] = json!({"var": "family.firstChlid"}));
    has(&e, "logic.unknown_var", "/eligibility/0/when/var");
    let e = compile_errors(|v| {
        v["eligibility"][1]["when"] = json!({"==": [{"var": "family.area"}, "ZZ-01"]})
    });
    has(&e, "logic.unknown_value", "/eligibility/1/when/==/1");
    let e = compile_errors(|v| {
        v["eligibility"][2]["when"] =
            json!({"<": [{"var": "child.ageDaysAtFirstContact"}, "sixty"]})
    });
    has(&e, "logic.type_mismatch", "/eligibility/2/when/</1");
    let e = compile_errors(|v| {
        v["visits"][1]["window"] = json!({"from": {"months": 6}, "to": {"months": 5}})
    });
    has(&e, "programme.bad_window", "/visits/1/window");
    let e = compile_errors(|v| v["visits"][2]["professions"] = json!(["nurse"]));
    has(&e, "programme.joint_mismatch", "/visits/2/joint");
    let e = compile_errors(|v| v["visits"][3]["id"] = json!("visit-2m"));
    has(&e, "programme.duplicate_id", "/visits/3/id");
    let e = compile_errors(|v| v["areas"]["list"][1]["code"] = json!("RK-01"));
    has(&e, "programme.duplicate_id", "/areas/list/1/code");
    let e = compile_errors(|v| {
        v["visits"][0]["title"]
            .as_object_mut()
            .unwrap()
            .remove("en");
    });
    has(&e, "programme.missing_text", "/visits/0/title");
    // The schema locates shape errors.
    let e = compile_errors(|v| v["visits"][0]["professions"] = json!(["nurse", "plumber"]));
    has(&e, "programme.schema", "/visits/0/professions/1");
    let e = compile_errors(|v| v["status"] = json!("live"));
    has(&e, "programme.schema", "/status");
}

fn eval(input: Value, reg: &Registry) -> Result<Value, Vec<(String, String)>> {
    let p = compile_programme(&rinkeby_value()).unwrap();
    evaluate_programme_json(&p, &input.to_string(), reg)
        .map(|s| serde_json::from_str(&s).unwrap())
        .map_err(|e| {
            e.0.into_iter()
                .map(|e| (e.code.to_string(), e.path))
                .collect()
        })
}

#[test]
fn plan_merges_visits_with_checkups_in_order_with_dates() {
    let out = eval(
        json!({
            "referenceDate": "2026-04-01",
            "family": {"firstChild": true, "area": "RK-01"},
            "child": {"birthDate": "2026-01-15", "ageDaysAtFirstContact": 9},
            "visits": [{"id": "visit-2m", "date": "2026-03-20"}]
        }),
        &checkups(),
    )
    .unwrap();
    assert_eq!(out["eligible"], json!(true));
    assert_eq!(
        out["offer"],
        json!({"kind": "programme-enrolment", "programme": "rinkeby-model", "version": "1.0.0"})
    );
    assert_eq!(out["childAgeDays"], json!(76));
    assert_eq!(out["area"]["name"], json!("Rinkeby"));
    let keys: Vec<String> = out["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| match e["kind"].as_str().unwrap() {
            "visit" => e["id"].as_str().unwrap().to_string(),
            _ => format!("checkup:{}", e["form"].as_str().unwrap()),
        })
        .collect();
    assert_eq!(
        keys,
        [
            "checkup:trygg-start.6-8w",
            "visit-2m",
            "checkup:trygg-start.4m",
            "visit-4m",
            "visit-8m",
            "checkup:trygg-start.10m",
            "visit-11m",
            "visit-15m"
        ]
    );
    let plan = out["plan"].as_array().unwrap();
    assert_eq!(
        plan[0]["status"],
        json!("due"),
        "6-8w check-up (35–90 days) at day 76"
    );
    assert_eq!(plan[1]["status"], json!("done"));
    assert_eq!(plan[1]["done"], json!("2026-03-20"));
    assert_eq!(plan[1]["window"]["fromDate"], json!("2026-03-15"));
    assert_eq!(plan[1]["window"]["toDate"], json!("2026-04-15"));
    assert_eq!(plan[1]["professions"], json!(["nurse", "parent-adviser"]));
    assert_eq!(plan[2]["status"], json!("upcoming"));
    let sv = out["reason"]["sv"].as_str().unwrap();
    assert!(sv.starts_with("Erbjuds Utökat hembesöksprogram"), "{sv}");
    assert!(sv.contains("första barnet"), "{sv}");
    // Same input, same bytes.
    let again = eval(
        json!({
            "child": {"ageDaysAtFirstContact": 9, "birthDate": "2026-01-15"},
            "family": {"area": "RK-01", "firstChild": true},
            "referenceDate": "2026-04-01",
            "visits": [{"date": "2026-03-20", "id": "visit-2m"}]
        }),
        &checkups(),
    )
    .unwrap();
    assert_eq!(again, out);
}

#[test]
fn not_eligible_gives_checkups_only_and_the_unmet_criterion() {
    let out = eval(
        json!({"family": {"firstChild": false, "firstChildInSweden": false, "area": "RK-01"},
               "child": {"ageDays": 100, "ageDaysAtFirstContact": 5}}),
        &checkups(),
    )
    .unwrap();
    assert_eq!(out["eligible"], json!(false));
    assert!(out.get("offer").is_none());
    assert!(out["plan"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["kind"] == "checkup"));
    assert_eq!(
        out["plan"][1]["status"],
        json!("due"),
        "4m check-up at day 100"
    );
    assert!(out["plan"][1]["window"].get("fromDate").is_none());
    let en = out["reason"]["en"].as_str().unwrap();
    assert!(
        en.starts_with("Not offered") && en.contains("first child, or first child born in Sweden"),
        "{en}"
    );
    assert_eq!(
        out["criteria"][0]["read"],
        json!({"family.firstChild": false, "family.firstChildInSweden": false})
    );
}

#[test]
fn bad_input_gets_located_errors() {
    let reg = Registry::new();
    let e = eval(json!({"family": {"area": "XX"}}), &reg).unwrap_err();
    assert_eq!(
        e,
        [("programme.unknown_area".into(), "/family/area".into())]
    );
    let e = eval(
        json!({"referenceDate": "2026-01-01", "child": {"birthDate": "2026-02-01"}}),
        &reg,
    )
    .unwrap_err();
    assert_eq!(
        e,
        [(
            "programme.birth_date_in_future".into(),
            "/child/birthDate".into()
        )]
    );
    let e = eval(
        json!({"child": {"birthDate": "2026-01-15"}, "visits": [{"date": "2026-02-01"}, {"id": "visit-4m", "ageDays": 300}, {"id": "nope", "ageDays": 70}]}),
        &reg,
    )
    .unwrap_err();
    assert_eq!(
        e,
        [
            (
                "programme.visit_outside_window".to_string(),
                "/visits/0/date".to_string()
            ),
            (
                "programme.visit_outside_window".into(),
                "/visits/1/ageDays".into()
            ),
            ("programme.unknown_visit".into(), "/visits/2/id".into()),
        ]
    );
    let e = eval(
        json!({"programme": {"id": "rinkeby-model", "version": "2.0.0"}}),
        &reg,
    )
    .unwrap_err();
    assert_eq!(
        e,
        [("programme.unknown_version".into(), "/programme".into())]
    );
    let e = eval(
        json!({"child": {"birthDate": "2026-02-30"}, "famly": {}}),
        &reg,
    )
    .unwrap_err();
    assert_eq!(e, [("programme.input_invalid".into(), "/famly".into())]);
    let e = eval(json!({"child": {"birthDate": "2026-02-30"}}), &reg).unwrap_err();
    assert_eq!(
        e,
        [("programme.bad_date".into(), "/child/birthDate".into())]
    );
    let e = eval(
        json!({"referenceDate": "2026-04-01", "child": {"birthDate": "2026-01-15", "ageDays": 3}}),
        &reg,
    )
    .unwrap_err();
    assert_eq!(
        e,
        [("programme.age_conflict".into(), "/child/ageDays".into())]
    );
    let e = eval(
        json!({"visits": [{"ageDays": 70}, {"ageDays": 80, "id": "visit-2m"}]}),
        &reg,
    )
    .unwrap_err();
    assert_eq!(
        e,
        [("programme.duplicate_visit".into(), "/visits/1".into())]
    );
    assert!(input_from_value(&json!([1])).is_err());
}

#[test]
fn months_without_a_birth_date_use_average_months() {
    let p = compile_programme(&rinkeby_value()).unwrap();
    let input = input_from_value(&json!({"family": {"firstChild": true, "area": "RK-01"}, "child": {"ageDaysAtFirstContact": 1}})).unwrap();
    let out = evaluate_programme(&p, &input, &Registry::new()).unwrap();
    match &out.plan[0] {
        PlanEntry::Visit { window, status, .. } => {
            assert_eq!((window.from_age_days, window.to_age_days), (60, 91));
            assert_eq!(*status, None, "no age, no status");
        }
        other => panic!("{other:?}"),
    }
}

fn programmes() -> Programmes {
    let mut ps = Programmes::new();
    ps.insert(load_programme(&read("programmes/rinkeby-model/1.0.0.json")).unwrap())
        .unwrap();
    ps
}

fn record(area: &str, offer: Option<(&str, &str)>, first: bool, visits: Value) -> String {
    let mut r = json!({
        "programme": {"id": "rinkeby-model", "version": "1.0.0"},
        "assessed": "2024-02-01",
        "family": {"firstChild": first, "area": area},
        "child": {"birthDate": "2024-01-20", "ageDaysAtFirstContact": 5},
        "visits": visits,
    });
    if let Some((date, answer)) = offer {
        r["offer"] = json!({"date": date, "answer": answer});
    }
    r.to_string()
}

#[test]
fn report_counts_every_record_and_suppresses_small_cells() {
    let ps = programmes();
    let mut report = Report::new(&ps, "rinkeby-model", Period::Quarter);
    let mut line = 0;
    let mut add = |report: &mut Report, text: String| {
        line += 1;
        report.add_line(line, &text);
    };
    // Rinkeby Q1 2024: 12 offered — 8 accepted (2 of them with visits), 3 declined, 1 open.
    for i in 0..12 {
        let answer = match i {
            0..=7 => "accepted",
            8..=10 => "declined",
            _ => "not-answered",
        };
        let visits = if i < 2 {
            json!([{"date": "2024-03-25"}, {"date": "2024-05-25"}])
        } else {
            json!([])
        };
        add(
            &mut report,
            record("RK-01", Some(("2024-02-10", answer)), true, visits),
        );
    }
    // 2 not eligible (second children), not offered.
    for _ in 0..2 {
        add(&mut report, record("RK-01", None, false, json!([])));
    }
    // Tensta Q2: 3 offered and accepted.
    for _ in 0..3 {
        add(
            &mut report,
            record("RK-02", Some(("2024-04-02", "accepted")), true, json!([])),
        );
    }
    // Errors: unknown version, unknown area, a visit outside every window, not JSON,
    // visits without acceptance.
    add(
        &mut report,
        record("RK-01", None, true, json!([])).replace("1.0.0", "9.9.9"),
    );
    add(&mut report, record("ZZ-01", None, true, json!([])));
    add(
        &mut report,
        record(
            "RK-01",
            Some(("2024-02-10", "accepted")),
            true,
            json!([{"date": "2024-02-02"}]),
        ),
    );
    add(&mut report, "{not json".to_string());
    add(
        &mut report,
        record(
            "RK-01",
            Some(("2024-02-10", "declined")),
            true,
            json!([{"date": "2024-03-25"}]),
        ),
    );

    let raw = report.cells();
    let q1 = &raw[&("RK-01".to_string(), "2024-Q1".to_string())];
    assert_eq!(
        (
            q1.families,
            q1.eligible,
            q1.offered,
            q1.accepted,
            q1.declined,
            q1.not_answered
        ),
        (14, 12, 12, 8, 3, 1)
    );
    assert_eq!((q1.visits_planned, q1.visits_done), (40, 4));

    let published = report.publish(5);
    assert_eq!(
        (published.records, published.counted, published.rejected),
        (22, 17, 5)
    );
    let codes: Vec<(u64, &str)> = published.errors.iter().map(|e| (e.line, e.code)).collect();
    assert_eq!(
        codes,
        [
            (18, "programme.unknown_version"),
            (19, "programme.unknown_area"),
            (20, "programme.visit_outside_window"),
            (21, "report.not_json"),
            (22, "report.visits_without_acceptance"),
        ]
    );
    let row = &published.rows[0];
    assert_eq!(
        (row.area.as_str(), row.period.as_str()),
        ("RK-01", "2024-Q1")
    );
    assert_eq!(row.cells.offered, Cell::Count(12));
    assert_eq!(row.cells.accepted, Cell::Count(8));
    assert_eq!(row.cells.declined, Cell::Suppressed("<5".into()));
    assert_eq!(row.cells.not_answered, Cell::Suppressed("<5".into()));
    assert_eq!(row.cells.acceptance_rate, Rate::Percent(66.7));
    let tensta = &published.rows[1];
    assert_eq!(tensta.cells.accepted, Cell::Suppressed("<5".into()));
    assert_eq!(tensta.cells.acceptance_rate, Rate::Withheld("suppressed"));
    assert_eq!(published.total.cells.offered, Cell::Count(15));
    assert_eq!(published.total.cells.accepted, Cell::Count(11));
    assert_eq!(published.areas.len(), 2);
    assert_eq!(published.periods.len(), 2);
    // The JSON never carries a suppressed raw count.
    let text = published.to_json();
    assert!(text.contains("\"declined\":\"<5\""), "{text}");
    // Configurable: nothing suppressed.
    let open = report.publish(0);
    assert_eq!(open.rows[1].cells.accepted, Cell::Count(3));
    assert_eq!(open.rows[1].cells.acceptance_rate, Rate::Percent(100.0));
    // By year: one period.
    let mut by_year = Report::new(&ps, "rinkeby-model", Period::Year);
    by_year.add_line(
        1,
        &record("RK-01", Some(("2024-12-31", "accepted")), true, json!([])),
    );
    assert_eq!(by_year.publish(0).rows[0].period, "2024");
}

#[test]
fn as_of_counts_only_visits_whose_window_has_closed() {
    let ps = programmes();
    // Born 2024-01-20: the 2-month window closes 2024-04-20, the 4-month one 2024-06-20.
    let accepted = record(
        "RK-01",
        Some(("2024-02-10", "accepted")),
        true,
        json!([{"date": "2024-03-25"}]),
    );
    let planned = |as_of: Option<&str>| {
        let mut r = Report::new(&ps, "rinkeby-model", Period::Year);
        if let Some(d) = as_of {
            r = r.as_of(d).unwrap();
        }
        r.add_line(1, &accepted);
        let t = r.cells().values().next().copied().unwrap();
        (t.visits_planned, t.visits_done)
    };
    assert_eq!(planned(None), (5, 1));
    assert_eq!(planned(Some("2024-04-19")), (0, 1));
    assert_eq!(planned(Some("2024-04-20")), (1, 1));
    assert_eq!(planned(Some("2024-06-20")), (2, 1));
    assert!(Report::new(&ps, "rinkeby-model", Period::Year)
        .as_of("2024-13-01")
        .is_none());
}
