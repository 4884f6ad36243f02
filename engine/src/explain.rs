//! Explanations: an outcome's reasons in words, for the person who reads them.
//!
//! An outcome says why in the engine's terms (rule ids, `answers.x`, JsonLogic). An
//! [`Explanation`] is derived from it in one of the form's locales: finding titles, the
//! questions and the answers given (option labels or the value), scale values with their
//! band label and cut-off, and each rule's human title. It is a separate output; the
//! canonical outcome is never changed. Urgent actions come first, then findings with the
//! urgent ones first, then offers (those led to by an urgent finding first), then scales.
//!
//! Licensed wording (`{ "key": … }` texts) is only ever taken from a loaded text pack;
//! without one the text is `null` and the plain rendering names the item by its id — the
//! engine never invents a question's wording. The engine's own words (offer and action
//! names, headings) exist in Swedish and English. See `docs/explanation.md`.

use crate::family::FamilySummary;
use crate::form::CompiledForm;
use crate::model::{Action, Item, ItemType, Offer, ReferralTo, Severity, Text};
use crate::outcome::{CutoffResult, FormRef, Handling, Outcome, RuleFired, ScaleResult};
use crate::text::TextPack;
use crate::Response;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt::Write;

/// An explanation of one outcome (see the module docs and `docs/explanation.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The form version.
    pub form: FormRef,
    /// Respondent id, when given.
    pub respondent: Option<String>,
    /// The locale of the texts (a form locale).
    pub locale: String,
    /// Whether there is an urgent action or an urgent finding.
    pub urgent: bool,
    /// Urgent actions.
    pub actions: Vec<ActionExplained>,
    /// Findings, urgent first, then positive, then info.
    pub findings: Vec<FindingExplained>,
    /// Offers, those led to by an urgent finding first.
    pub offers: Vec<OfferExplained>,
    /// Scales in form order.
    pub scales: Vec<ScaleExplained>,
    /// The language of the engine's own words.
    #[serde(skip)]
    words: Lang,
}

/// An urgent action and the rules that led to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionExplained {
    /// The action.
    pub action: Action,
    /// Its name in words.
    pub text: String,
    /// Always true: every action is urgent.
    pub urgent: bool,
    /// The rules that led to it.
    pub rules: Vec<RuleExplained>,
}

/// A finding with what it read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingExplained {
    /// Finding id.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// Whether the severity is urgent.
    pub urgent: bool,
    /// Domain.
    pub domain: String,
    /// Title (`null` when the form gives none or its text pack is not loaded).
    pub title: Option<String>,
    /// What its condition read.
    pub reasons: Vec<Reason>,
}

/// An offer and the rules that led to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferExplained {
    /// The offer.
    pub offer: Offer,
    /// Held with the respondent alone (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Led to by a rule that read an urgent finding.
    pub urgent: bool,
    /// The offer in words.
    pub text: String,
    /// The rules that led to it.
    pub rules: Vec<RuleExplained>,
}

/// A rule that fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleExplained {
    /// Rule id (the stable reference).
    pub rule: String,
    /// The rule's title, when the form gives one.
    pub title: Option<String>,
    /// The findings made that the rule read.
    pub findings: Vec<FindingRef>,
    /// Everything else the rule read.
    pub reasons: Vec<Reason>,
}

/// A finding named in a rule's reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingRef {
    /// Finding id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Whether it is urgent.
    pub urgent: bool,
}

/// One thing a condition read, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// An answer (read through `answers.`, `scores.` or `declined.`).
    Answer {
        /// Item id.
        item: String,
        /// The question (`null` for licensed wording without its text pack).
        text: Option<String>,
        /// The answer as given (`null` when unanswered or not shown).
        value: Value,
        /// The answer in words (`null` when unanswered, or a licensed label without pack).
        answer: Option<String>,
        /// The item's score, when the condition read it.
        #[serde(skip_serializing_if = "Option::is_none")]
        score: Option<Value>,
    },
    /// A scale (read through `scales.`, `bands.` or `cutoff.`).
    Scale(ScaleExplained),
    /// A finding.
    Finding {
        /// Finding id.
        id: String,
        /// Title.
        title: Option<String>,
        /// Whether it was made.
        made: bool,
    },
    /// A respondent attribute.
    Respondent {
        /// Attribute id.
        attribute: String,
        /// Its value.
        value: Value,
    },
    /// A context value.
    Context {
        /// Context key.
        key: String,
        /// Its value.
        value: Value,
    },
}

/// A scale's value with its band and cut-off.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleExplained {
    /// Scale id.
    pub scale: String,
    /// Title.
    pub text: Option<String>,
    /// Value (`null` when it has none).
    pub value: Option<f64>,
    /// Band id.
    pub band: Option<String>,
    /// Band label.
    pub band_text: Option<String>,
    /// The cut-off applied.
    pub cutoff: Option<CutoffResult>,
    /// How missing items were handled.
    pub handling: Handling,
}

impl Explanation {
    /// Canonical JSON (RFC 8785): the same bytes on every runtime.
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_string_of(self).unwrap_or_else(|_| String::from("null"))
    }
}

/// The engine's own words, in Swedish or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Sv,
    En,
}

impl Lang {
    fn pick(self, sv: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

fn lang_of(locale: &str) -> Option<Lang> {
    match locale.split(['-', '_']).next().unwrap_or("") {
        "sv" => Some(Lang::Sv),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Evaluate a response and explain its outcome.
pub fn explain_response(
    form: &CompiledForm,
    response: &Response,
    locale: &str,
    packs: &[&TextPack],
) -> Explanation {
    let outcome = crate::evaluate(form, response);
    explain(form, response, &outcome, locale, packs)
}

/// Explain `outcome`, made from `response` by `form`, in `locale` (a form locale; any
/// other falls back to the form's first), with licensed wording from `packs`.
pub fn explain(
    form: &CompiledForm,
    response: &Response,
    outcome: &Outcome,
    locale: &str,
    packs: &[&TextPack],
) -> Explanation {
    let def = form.def();
    let default = def.locales.first().map_or("", String::as_str);
    let locale = if def.locales.iter().any(|l| l == locale) {
        locale
    } else {
        default
    };
    let lang = lang_of(locale)
        .or_else(|| lang_of(default))
        .unwrap_or(Lang::En);
    let x = Ctx {
        form,
        response,
        outcome,
        locale,
        default,
        packs,
        lang,
    };

    let mut findings: Vec<FindingExplained> = outcome
        .findings
        .iter()
        .map(|f| FindingExplained {
            id: f.id.clone(),
            severity: f.severity,
            urgent: f.severity == Severity::Urgent,
            domain: f.domain.clone(),
            title: x.finding_title(&f.id),
            reasons: x.reasons(&f.because.read, true),
        })
        .collect();
    // Stable: form order within a severity.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));

    let actions = outcome
        .actions
        .iter()
        .map(|a| ActionExplained {
            action: a.action,
            text: action_text(a.action, lang).to_string(),
            urgent: true,
            rules: a.because.iter().map(|r| x.rule(r)).collect(),
        })
        .collect();
    let mut offers: Vec<OfferExplained> = outcome
        .offers
        .iter()
        .map(|o| {
            let rules: Vec<RuleExplained> = o.because.iter().map(|r| x.rule(r)).collect();
            OfferExplained {
                offer: o.offer.clone(),
                private: o.private,
                urgent: rules.iter().any(|r| r.findings.iter().any(|f| f.urgent)),
                text: offer_text(&o.offer, lang),
                rules,
            }
        })
        .collect();
    offers.sort_by_key(|o| !o.urgent);
    let scales = outcome.scales.iter().map(|s| x.scale(s)).collect();
    Explanation {
        form: outcome.form.clone(),
        respondent: outcome.respondent.clone(),
        locale: locale.to_string(),
        urgent: !outcome.actions.is_empty()
            || outcome
                .findings
                .iter()
                .any(|f| f.severity == Severity::Urgent),
        actions,
        findings,
        offers,
        scales,
        words: lang,
    }
}

struct Ctx<'a> {
    form: &'a CompiledForm,
    response: &'a Response,
    outcome: &'a Outcome,
    locale: &'a str,
    default: &'a str,
    packs: &'a [&'a TextPack],
    lang: Lang,
}

impl Ctx<'_> {
    /// A text in the locale, falling back to the form's first locale; a licensed key only
    /// from a loaded pack (else `None`, never a placeholder).
    fn text(&self, text: &Text) -> Option<String> {
        match text {
            Text::Localized(map) => map
                .get(self.locale)
                .or_else(|| map.get(self.default))
                .or_else(|| map.values().next())
                .cloned(),
            Text::Key { key } => [self.locale, self.default].iter().find_map(|l| {
                self.packs
                    .iter()
                    .find(|p| p.locale == *l)
                    .and_then(|p| p.texts.get(key))
                    .cloned()
            }),
        }
    }

    fn finding_title(&self, id: &str) -> Option<String> {
        let f = self.form.def().findings.iter().find(|f| f.id == id)?;
        self.text(f.title.as_ref()?)
    }

    fn finding_urgent(&self, id: &str) -> bool {
        self.form
            .def()
            .findings
            .iter()
            .any(|f| f.id == id && f.severity == Severity::Urgent)
    }

    fn rule(&self, fired: &RuleFired) -> RuleExplained {
        let title = self
            .form
            .def()
            .rules
            .iter()
            .find(|r| r.id == fired.rule)
            .and_then(|r| r.title.as_ref())
            .and_then(|t| self.text(t));
        RuleExplained {
            rule: fired.rule.clone(),
            title,
            findings: fired
                .findings
                .iter()
                .map(|f| FindingRef {
                    id: f.clone(),
                    title: self.finding_title(f),
                    urgent: self.finding_urgent(f),
                })
                .collect(),
            reasons: self.reasons(&fired.read, false),
        }
    }

    fn scale(&self, s: &ScaleResult) -> ScaleExplained {
        let def = self.form.def().scales.iter().find(|d| d.id == s.id);
        let band_text = def.and_then(|d| {
            let band = d.bands.iter().find(|b| Some(&b.id) == s.band.as_ref())?;
            self.text(band.label.as_ref()?)
        });
        ScaleExplained {
            scale: s.id.clone(),
            text: def
                .and_then(|d| d.title.as_ref())
                .and_then(|t| self.text(t)),
            value: s.value,
            band: s.band.clone(),
            band_text,
            cutoff: s.cutoff.clone(),
            handling: s.handling,
        }
    }

    /// The reasons of one `read` map, one per item, scale, finding, attribute or context
    /// key, in the order first read. `findings`: whether findings read are listed (a
    /// rule lists its findings apart).
    fn reasons(&self, read: &Map<String, Value>, findings: bool) -> Vec<Reason> {
        let mut out: Vec<Reason> = Vec::new();
        for (var, value) in read {
            let Some((prefix, id)) = var.split_once('.') else {
                continue;
            };
            match prefix {
                "answers" | "scores" | "declined" => {
                    let score = (prefix == "scores").then(|| value.clone());
                    let existing = out.iter_mut().find_map(|r| match r {
                        Reason::Answer { item, score, .. } if item == id => Some(score),
                        _ => None,
                    });
                    match existing {
                        Some(s) => {
                            if score.is_some() {
                                *s = score;
                            }
                        }
                        None => out.push(self.answer(id, score)),
                    }
                }
                "scales" | "bands" | "cutoff" => {
                    let seen = out
                        .iter()
                        .any(|r| matches!(r, Reason::Scale(s) if s.scale == id));
                    if !seen {
                        if let Some(s) = self.outcome.scale(id) {
                            out.push(Reason::Scale(self.scale(s)));
                        }
                    }
                }
                "findings" if findings => out.push(Reason::Finding {
                    id: id.to_string(),
                    title: self.finding_title(id),
                    made: *value == Value::Bool(true),
                }),
                "respondent" => out.push(Reason::Respondent {
                    attribute: id.to_string(),
                    value: value.clone(),
                }),
                "context" => out.push(Reason::Context {
                    key: id.to_string(),
                    value: value.clone(),
                }),
                _ => {}
            }
        }
        out
    }

    /// An item's question and the answer given (an answer to a hidden item is not used).
    fn answer(&self, id: &str, score: Option<Value>) -> Reason {
        let item = self.form.def().items.iter().find(|i| i.id == id);
        let hidden = self.outcome.ignored.iter().any(|i| i.item == id);
        let value = if hidden {
            Value::Null
        } else {
            self.response
                .answers
                .get(id)
                .cloned()
                .unwrap_or(Value::Null)
        };
        Reason::Answer {
            item: id.to_string(),
            text: item.and_then(|i| self.text(&i.text)),
            answer: item.and_then(|i| self.answer_text(i, &value)),
            value,
            score,
        }
    }

    fn answer_text(&self, item: &Item, value: &Value) -> Option<String> {
        let option = |v: &str| {
            item.options
                .iter()
                .find(|o| o.value == v)
                .and_then(|o| self.text(&o.text))
        };
        match value {
            Value::Null => None,
            Value::Object(m) if m.get("declined") == Some(&Value::Bool(true)) => Some(
                self.lang
                    .pick("avböjde att svara", "declined to answer")
                    .to_string(),
            ),
            Value::Bool(b) => Some(
                match b {
                    true => self.lang.pick("Ja", "Yes"),
                    false => self.lang.pick("Nej", "No"),
                }
                .to_string(),
            ),
            Value::String(s) if item.kind == ItemType::Choice => option(s),
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(list) if item.kind == ItemType::Multi => {
                let labels: Option<Vec<String>> =
                    list.iter().map(|v| v.as_str().and_then(option)).collect();
                labels.map(|l| l.join(", "))
            }
            _ => None,
        }
    }
}

/// An offer in the engine's own words, in Swedish for `sv` locales, else English.
pub fn offer_words(offer: &Offer, locale: &str) -> String {
    offer_text(offer, lang_of(locale).unwrap_or(Lang::En))
}

/// An urgent action in the engine's own words, in Swedish for `sv` locales, else English.
pub fn action_words(action: Action, locale: &str) -> &'static str {
    action_text(action, lang_of(locale).unwrap_or(Lang::En))
}

fn action_text(a: Action, lang: Lang) -> &'static str {
    match a {
        Action::SameDayContact => lang.pick("Kontakt samma dag", "Same-day contact"),
        Action::ConsiderReportOfConcern => lang.pick(
            "Överväg orosanmälan till socialtjänsten",
            "Consider a report of concern to social services",
        ),
    }
}

fn offer_text(o: &Offer, lang: Lang) -> String {
    let with = |s: bool| match s {
        true => lang.pick("med socialtjänsten", "with social services"),
        false => lang.pick("utan socialtjänsten", "without social services"),
    };
    match o {
        Offer::BvcTalk { social_services } => format!(
            "{} ({})",
            lang.pick("Samtal på BVC", "Talk at the BVC"),
            with(*social_services)
        ),
        Offer::HomeVisit { social_services } => format!(
            "{} ({})",
            lang.pick("Hembesök", "Home visit"),
            with(*social_services)
        ),
        Offer::Referral { to } => {
            let to = match to {
                ReferralTo::AdultPsychiatry => lang.pick("vuxenpsykiatrin", "adult psychiatry"),
                ReferralTo::AddictionCare => lang.pick("beroendevården", "addiction care"),
                ReferralTo::EconomicSupport => lang.pick("ekonomiskt bistånd", "economic support"),
                ReferralTo::WomensShelter => lang.pick("kvinnojour", "a women's shelter"),
                ReferralTo::VoluntaryOrganisation => {
                    lang.pick("ideell organisation", "a voluntary organisation")
                }
                ReferralTo::SocialServices => lang.pick("socialtjänsten", "social services"),
                ReferralTo::ChildPsychiatry => lang.pick(
                    "barn- och ungdomspsykiatrin",
                    "child and adolescent psychiatry",
                ),
                ReferralTo::FamilyCounselling => {
                    lang.pick("familjerådgivningen", "family counselling")
                }
            };
            format!("{} {to}", lang.pick("Remiss till", "Referral to"))
        }
        Offer::WrittenInfo { topic } => format!(
            "{}: {}",
            lang.pick("Skriftlig information", "Written information"),
            topic_text(topic, lang)
        ),
        Offer::ProgrammeEnrolment { programme, version } => format!(
            "{}: {programme} {version}",
            lang.pick(
                "Utökade hembesök (erbjudande om att delta)",
                "Extended home visits (an offer to take part)"
            )
        ),
    }
}

/// A written-information topic in words: the shipped forms' topics; any other as written.
fn topic_text(topic: &str, lang: Lang) -> &str {
    match topic {
        "mood" => lang.pick("nedstämdhet", "low mood"),
        "anxiety" => lang.pick("oro och ångest", "anxiety"),
        "violence" => lang.pick("våld i nära relationer", "violence in close relationships"),
        "economy" => lang.pick("ekonomi", "money"),
        "parental-stress" => lang.pick("föräldrastress", "parental stress"),
        "alcohol" => lang.pick("alkohol", "alcohol"),
        "crying-and-shaking" => lang.pick("gråt och skakvåld", "crying and shaking"),
        "safe-sleep" => lang.pick("säker sömn", "safe sleep"),
        "car-safety" => lang.pick("säkerhet i bil", "safety in the car"),
        "falls" => lang.pick("fallolyckor", "falls"),
        "poisoning" => lang.pick("förgiftning", "poisoning"),
        "head-injury" => lang.pick("huvudskador", "head injuries"),
        "drowning" => lang.pick("drunkning", "drowning"),
        "fire-safety" => lang.pick("brandsäkerhet", "fire safety"),
        "burns" => lang.pick("brännskador", "burns"),
        "traffic-safety" => lang.pick("trafiksäkerhet", "traffic safety"),
        "choking" => lang.pick("kvävning", "choking"),
        "firearms" => lang.pick("vapen i hemmet", "firearms in the home"),
        other => other,
    }
}

/// The urgent sign used in the plain text next to the word.
const URGENT_SIGN: &str = "⚠";

/// What a private offer adds to its words: held with its one parent, never the partner.
fn private_text(lang: Lang) -> &'static str {
    lang.pick(
        " — med föräldern ensam, aldrig med partnern",
        " — with this parent alone, never with the partner",
    )
}

/// A family's plain text for the clinician, in the engine's words (Swedish for `sv`
/// locales, else English): urgent first — which respondents have something urgent, the
/// urgent actions with their respondents — then each respondent's explanation
/// (`explained`, in the summary's order, each in its own locale), then the family's offers
/// with their respondents, a private offer marked as held with its parent alone.
pub fn family_text(summary: &FamilySummary, explained: &[Explanation], locale: &str) -> String {
    let lang = lang_of(locale).unwrap_or(Lang::En);
    let l = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut s = String::new();
    let urgent: Vec<&str> = explained
        .iter()
        .filter(|e| e.urgent)
        .filter_map(|e| e.respondent.as_deref())
        .collect();
    if !urgent.is_empty() {
        let _ = writeln!(
            s,
            "{URGENT_SIGN} {}: {}",
            l("BRÅDSKANDE för", "URGENT for"),
            urgent.join(", ")
        );
    }
    for a in &summary.actions {
        let _ = writeln!(
            s,
            "  {URGENT_SIGN} {}: {} — {}",
            l("BRÅDSKANDE", "URGENT"),
            action_text(a.action, lang),
            a.respondents.join(", ")
        );
    }
    s.push('\n');
    for e in explained {
        s.push_str(&e.to_text());
        s.push('\n');
    }
    let _ = writeln!(s, "{}:", l("Familjens erbjudanden", "Family offers"));
    for f in &summary.offers {
        let private = if f.private { private_text(lang) } else { "" };
        let _ = writeln!(
            s,
            "  {} — {}{private}",
            offer_text(&f.offer, lang),
            f.respondents.join(", ")
        );
    }
    s
}

impl Explanation {
    /// A plain-text rendering (one line per entry, urgent first, marked by word and sign).
    pub fn to_text(&self) -> String {
        let lang = self.words;
        let l = |sv: &'static str, en: &'static str| lang.pick(sv, en);
        let urgent = format!("{URGENT_SIGN} {}", l("BRÅDSKANDE", "URGENT"));
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {}{}",
            self.form.id,
            self.form.version,
            self.respondent
                .as_ref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default()
        );
        if self.urgent {
            let _ = writeln!(s, "{urgent}");
        }
        if !self.actions.is_empty() {
            let _ = writeln!(s, "{}:", l("Brådskande åtgärder", "Urgent actions"));
            for a in &self.actions {
                let _ = writeln!(s, "  {urgent}: {}", a.text);
                rules_text(&mut s, &a.rules, lang);
            }
        }
        let _ = writeln!(
            s,
            "{}:{}",
            l("Fynd", "Findings"),
            if self.findings.is_empty() {
                l(" inga", " none")
            } else {
                ""
            }
        );
        for f in &self.findings {
            let mark = if f.urgent {
                format!("{urgent}: ")
            } else {
                String::new()
            };
            let _ = writeln!(s, "  {mark}{}", title_or_id(&f.title, &f.id));
            for r in &f.reasons {
                let _ = writeln!(s, "    {}", reason_text(r, lang));
            }
        }
        let _ = writeln!(
            s,
            "{}:{}",
            l("Erbjudanden", "Offers"),
            if self.offers.is_empty() {
                l(" inga", " none")
            } else {
                ""
            }
        );
        for o in &self.offers {
            let private = if o.private { private_text(lang) } else { "" };
            let mark = if o.urgent {
                format!("{URGENT_SIGN} ")
            } else {
                String::new()
            };
            let _ = writeln!(s, "  {mark}{}{private}", o.text);
            rules_text(&mut s, &o.rules, lang);
        }
        if !self.scales.is_empty() {
            let _ = writeln!(s, "{}:", l("Skalor", "Scales"));
            for sc in &self.scales {
                let _ = writeln!(s, "  {}", scale_text(sc, lang));
            }
        }
        s
    }
}

impl Explanation {
    /// One reason as a line of words, in this explanation's language.
    pub fn reason_text(&self, reason: &Reason) -> String {
        reason_text(reason, self.words)
    }

    /// A rule as words: its title (or id) and the findings that led to it.
    pub fn rule_text(&self, rule: &RuleExplained) -> String {
        let mut s = String::new();
        rules_text(&mut s, std::slice::from_ref(rule), self.words);
        s.lines()
            .next()
            .unwrap_or_default()
            .trim()
            .trim_start_matches(self.words.pick("Skäl: ", "Reason: "))
            .to_string()
    }
}

fn title_or_id(title: &Option<String>, id: &str) -> String {
    title.clone().unwrap_or_else(|| id.to_string())
}

fn rules_text(s: &mut String, rules: &[RuleExplained], lang: Lang) {
    for r in rules {
        let found: Vec<String> = r
            .findings
            .iter()
            .map(|f| {
                let t = title_or_id(&f.title, &f.id);
                if f.urgent {
                    format!("{URGENT_SIGN} {t}")
                } else {
                    t
                }
            })
            .collect();
        let because = if found.is_empty() {
            String::new()
        } else {
            format!(
                " — {} {}",
                lang.pick("eftersom", "because of"),
                found.join("; ")
            )
        };
        let _ = writeln!(
            s,
            "    {}: {}{because}",
            lang.pick("Skäl", "Reason"),
            title_or_id(&r.title, &r.rule)
        );
        for reason in &r.reasons {
            let _ = writeln!(s, "      {}", reason_text(reason, lang));
        }
    }
}

/// A number as JSON writes it on every runtime (`3`, not `3.0`).
fn number(v: f64) -> String {
    let mut s = String::new();
    crate::canonical::write_f64(&mut s, v);
    s
}

fn scale_text(sc: &ScaleExplained, lang: Lang) -> String {
    let name = title_or_id(&sc.text, &sc.scale);
    let value = sc
        .value
        .map_or_else(|| lang.pick("inget värde", "no value").to_string(), number);
    let band = match (&sc.band_text, &sc.band) {
        (Some(t), _) => format!(" ({t})"),
        (None, Some(b)) => format!(" ({b})"),
        _ => String::new(),
    };
    let cut = sc
        .cutoff
        .as_ref()
        .map(|c| {
            let state = match c.reached {
                Some(true) => lang.pick("nått", "reached"),
                Some(false) => lang.pick("inte nått", "not reached"),
                None => lang.pick("kan inte avgöras", "cannot be decided"),
            };
            format!(
                "; {} {} {state}",
                lang.pick("gränsvärde", "cut-off"),
                number(c.value)
            )
        })
        .unwrap_or_default();
    format!("{name}: {value}{band}{cut}")
}

fn reason_text(r: &Reason, lang: Lang) -> String {
    match r {
        Reason::Answer {
            item,
            text,
            value,
            answer,
            ..
        } => {
            let q = text
                .clone()
                .unwrap_or_else(|| format!("{} {item}", lang.pick("fråga", "item")));
            let a = match (answer, value) {
                (Some(a), _) => a.clone(),
                (None, Value::Null) => lang.pick("inte besvarad", "not answered").to_string(),
                (None, Value::String(v)) => v.clone(),
                (None, Value::Array(vs)) => vs
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                (None, v) => v.to_string(),
            };
            format!("{q} — {} {a}", lang.pick("svar:", "answer:"))
        }
        Reason::Scale(sc) => scale_text(sc, lang),
        Reason::Finding { id, title, made } => {
            let t = title_or_id(title, id);
            if *made {
                t
            } else {
                format!("{} {t}", lang.pick("inte:", "not:"))
            }
        }
        Reason::Respondent { attribute, value } => format!(
            "{} {attribute}: {}",
            lang.pick("Föräldern,", "Respondent,"),
            plain(value)
        ),
        Reason::Context { key, value } => format!(
            "{} {key}: {}",
            lang.pick("Sammanhang,", "Context,"),
            plain(value)
        ),
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".to_string(),
        other => other.to_string(),
    }
}
