//! The CLI's modules form no import cycle (issue 14: `forms` ↔ `validate` and `diff` ↔
//! `diff_html` were cycles once). Reads `cli/src/*.rs`, takes every `crate::<module>`
//! mention (in `use` lines and in paths) as an edge, and looks for a cycle by depth-first
//! search. `main.rs` (the root that declares the modules) is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        if name == "main" {
            continue;
        }
        modules.insert(name, std::fs::read_to_string(&path).unwrap());
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, text)| {
            let mut to = BTreeSet::new();
            for line in text.lines() {
                let code = line.split("//").next().unwrap_or("");
                // `crate::x::…`, `crate::x;` and `crate::{x, y::z}`.
                for (i, _) in code.match_indices("crate::") {
                    let rest = &code[i + "crate::".len()..];
                    let group = if let Some(inner) = rest.strip_prefix('{') {
                        inner.split('}').next().unwrap_or("").to_string()
                    } else {
                        rest.to_string()
                    };
                    for part in group.split(',') {
                        let module: String = part
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if names.contains(&module) && module != *name {
                            to.insert(module);
                        }
                    }
                }
            }
            (name.clone(), to)
        })
        .collect()
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_cli_modules_have_no_import_cycle() {
    let graph = edges();
    // The scan sees the edges it must: diff reads forms, batch reads ndjson.
    assert!(graph["diff"].contains("forms"), "{graph:?}");
    assert!(graph["batch"].contains("ndjson"), "{graph:?}");
    assert_eq!(
        find_cycle(&graph),
        None,
        "import cycle among cli/src modules"
    );
}

#[test]
fn the_cycle_search_finds_a_cycle() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    let cycle = find_cycle(&graph).unwrap();
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
}
