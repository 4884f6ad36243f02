// Package trygg is the trygg screening-questionnaire engine for Go: the plain-ABI
// trygg.wasm (abi/ABI.md in the repository) on wazero, a pure-Go WebAssembly runtime.
//
//	t, err := trygg.WithBuiltinForms()
//	if err != nil { … }
//	defer t.Close()
//	outcome, err := t.Evaluate("phq-9", `{"answers":{"phq9_1":"1"}}`)
//
// Every call takes and returns text (JSON text for structured values; results are canonical
// JSON). Failures are *Error with a stable Code and a JSON-pointer Path. A trap poisons the
// module instance: the call returns an *Error with code internal.trap, and the next call
// makes a new instance and loads again the forms and text packs this Trygg had (its
// sessions are gone: they return internal.poisoned). A Trygg serialises its calls (a mutex);
// use one per goroutine for parallel work.
package trygg

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// ABIVersion is the trygg_abi_version this package needs.
const ABIVersion = 1

// Data holds trygg.wasm, its SHA-256 and the built-in forms (copied in by `make abi`).
//
//go:embed data/trygg.wasm data/trygg.wasm.sha256 data/forms
var Data embed.FS

// Detail is one located error of a document.
type Detail struct {
	Code    string `json:"code"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Error is a failed call: the first error's Code, Path and Message, every error in Errors,
// and for EvaluateLogic the JsonLogic error Type and Value (canonical JSON text).
type Error struct {
	Code    string   `json:"code"`
	Path    string   `json:"path"`
	Message string   `json:"message"`
	Errors  []Detail `json:"errors"`
	Type    string   `json:"type,omitempty"`
	Value   string   `json:"value,omitempty"`
	cause   error
}

// Error is the message, which starts with the code: "code: what is wrong (at path)".
func (e *Error) Error() string { return e.Message }

// Unwrap gives the runtime's error behind an internal.trap.
func (e *Error) Unwrap() error { return e.cause }

func newError(code, message string, cause error) *Error {
	return &Error{Code: code, Message: code + ": " + message, Errors: []Detail{{Code: code, Message: message}}, cause: cause}
}

var (
	once     sync.Once
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	loadErr  error
)

// module compiles trygg.wasm once per process.
func module(ctx context.Context) (wazero.Runtime, wazero.CompiledModule, error) {
	once.Do(func() {
		wasm, err := Data.ReadFile("data/trygg.wasm")
		if err != nil {
			loadErr = err
			return
		}
		runtime = wazero.NewRuntime(ctx)
		compiled, loadErr = runtime.CompileModule(ctx, wasm)
	})
	return runtime, compiled, loadErr
}

// Document is a built-in form or text pack.
type Document struct {
	Kind string // "form" or "pack"
	Text string
}

// BuiltinDocuments are the built-in forms and text packs, in forms/index.txt order.
func BuiltinDocuments() ([]Document, error) {
	index, err := fs.ReadFile(Data, "data/forms/index.txt")
	if err != nil {
		return nil, err
	}
	var docs []Document
	for _, line := range strings.Split(string(index), "\n") {
		if len(line) < 6 {
			continue
		}
		text, err := fs.ReadFile(Data, "data/forms/"+line[5:])
		if err != nil {
			return nil, err
		}
		docs = append(docs, Document{Kind: line[:4], Text: string(text)})
	}
	return docs, nil
}

// instance is one instance of trygg.wasm.
type instance struct {
	mod api.Module
}

func newInstance(ctx context.Context) (*instance, error) {
	r, c, err := module(ctx)
	if err != nil {
		return nil, err
	}
	mod, err := r.InstantiateModule(ctx, c, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return nil, err
	}
	v, err := mod.ExportedFunction("trygg_abi_version").Call(ctx)
	if err != nil {
		return nil, err
	}
	if v[0] != ABIVersion {
		_ = mod.Close(ctx)
		return nil, newError("abi.version_mismatch", fmt.Sprintf("trygg.wasm has ABI version %d; this package needs %d", v[0], ABIVersion), nil)
	}
	return &instance{mod: mod}, nil
}

// arg is a text (string) or a number (uint32 handle, int32 flag, float64).
type arg = any

// call runs one export; it returns the status and the result text, or an internal.trap.
func (in *instance) call(ctx context.Context, name string, args ...arg) (int32, string, error) {
	mem := in.mod.Memory()
	alloc := in.mod.ExportedFunction("trygg_alloc")
	var flat []uint64
	var owned [][2]uint32
	for _, a := range args {
		switch v := a.(type) {
		case string:
			res, err := alloc.Call(ctx, uint64(len(v)))
			if err != nil {
				return 0, "", trap(err)
			}
			ptr := uint32(res[0])
			if len(v) > 0 && !mem.WriteString(ptr, v) {
				return 0, "", newError("internal.trap", "trygg_alloc gave a buffer outside memory", nil)
			}
			owned = append(owned, [2]uint32{ptr, uint32(len(v))})
			flat = append(flat, uint64(ptr), uint64(len(v)))
		case uint32:
			flat = append(flat, uint64(v))
		case int32:
			flat = append(flat, api.EncodeI32(v))
		case float64:
			flat = append(flat, api.EncodeF64(v))
		default:
			return 0, "", fmt.Errorf("trygg: argument of type %T", a)
		}
	}
	fn := in.mod.ExportedFunction(name)
	if fn == nil {
		for _, o := range owned {
			if _, err := in.mod.ExportedFunction("trygg_free").Call(ctx, uint64(o[0]), uint64(o[1])); err != nil {
				return 0, "", trap(err)
			}
		}
		return 0, "", newError("abi.missing_export", "this trygg.wasm has no export "+name+" (built without the feature that adds it)", nil)
	}
	res, err := fn.Call(ctx, flat...)
	if err != nil {
		return 0, "", trap(err)
	}
	status := int32(uint32(res[0]))
	p, err := in.mod.ExportedFunction("trygg_result_ptr").Call(ctx)
	if err != nil {
		return 0, "", trap(err)
	}
	n, err := in.mod.ExportedFunction("trygg_result_len").Call(ctx)
	if err != nil {
		return 0, "", trap(err)
	}
	view, ok := mem.Read(uint32(p[0]), uint32(n[0]))
	if !ok {
		return 0, "", newError("internal.trap", "the result buffer is outside memory", nil)
	}
	text := string(view) // a copy
	free := in.mod.ExportedFunction("trygg_free")
	for _, o := range owned {
		if _, err := free.Call(ctx, uint64(o[0]), uint64(o[1])); err != nil {
			return 0, "", trap(err)
		}
	}
	return status, text, nil
}

func trap(err error) *Error {
	return newError("internal.trap", fmt.Sprintf("the module trapped (%v); this instance is dropped and the next call makes a new one", err), err)
}

// unwrap turns a status and result text into the text (or handle) or an *Error.
func unwrap(status int32, text string, err error) (string, int32, error) {
	if err != nil {
		return "", 0, err
	}
	if status == -1 {
		var e Error
		if jerr := json.Unmarshal([]byte(text), &e); jerr != nil {
			return "", 0, newError("internal.bad_error", text, jerr)
		}
		return "", 0, &e
	}
	return text, status, nil
}

// Trygg is loaded forms and text packs: one engine in one module instance.
type Trygg struct {
	mu         sync.Mutex
	ctx        context.Context
	in         *instance
	engine     uint32
	generation int
	loaded     []Document
	drafts     bool
	closed     bool
}

// New is an empty engine: load forms with LoadForm.
func New() (*Trygg, error) {
	t := &Trygg{ctx: context.Background()}
	if err := t.ensure(); err != nil {
		return nil, err
	}
	return t, nil
}

// WithBuiltinForms is an engine with every built-in form and text pack.
func WithBuiltinForms() (*Trygg, error) {
	docs, err := BuiltinDocuments()
	if err != nil {
		return nil, err
	}
	t, err := New()
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d.Kind == "form" {
			_, err = t.LoadForm(d.Text)
		} else {
			err = t.LoadTextPack(d.Text)
		}
		if err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *Trygg) ensure() error {
	if t.closed {
		return newError("internal.closed", "this Trygg is closed", nil)
	}
	if t.in != nil {
		return nil
	}
	in, err := newInstance(t.ctx)
	if err != nil {
		return err
	}
	_, h, err := unwrap(in.call(t.ctx, "trygg_engine_new"))
	if err != nil {
		return err
	}
	for _, d := range t.loaded {
		name := "trygg_engine_load_text_pack"
		if d.Kind == "form" {
			name = "trygg_engine_load_form"
		}
		if _, _, err := unwrap(in.call(t.ctx, name, uint32(h), d.Text)); err != nil {
			return err
		}
	}
	if t.drafts {
		if _, _, err := unwrap(in.call(t.ctx, "trygg_engine_allow_drafts", uint32(h), int32(1))); err != nil {
			return err
		}
	}
	t.in, t.engine = in, uint32(h)
	t.generation++
	return nil
}

// raw runs an export on this Trygg's instance (with the engine handle first when onEngine);
// a trap drops the instance. The caller holds t.mu.
func (t *Trygg) raw(onEngine bool, name string, args ...arg) (string, int32, error) {
	if err := t.ensure(); err != nil {
		return "", 0, err
	}
	if onEngine {
		args = append([]arg{t.engine}, args...)
	}
	text, status, err := unwrap(t.in.call(t.ctx, name, args...))
	if e, ok := err.(*Error); ok && e.Code == "internal.trap" {
		_ = t.in.mod.Close(t.ctx)
		t.in = nil
	}
	return text, status, err
}

func (t *Trygg) text(onEngine bool, name string, args ...arg) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	text, _, err := t.raw(onEngine, name, args...)
	return text, err
}

// LoadForm compiles and adds a form definition (JSON text); its FormInfo (JSON text).
func (t *Trygg) LoadForm(definition string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	info, _, err := t.raw(true, "trygg_engine_load_form", definition)
	if err == nil {
		t.loaded = append(t.loaded, Document{"form", definition})
	}
	return info, err
}

// LoadTextPack loads a text pack (JSON text) for the loaded versions of its form.
func (t *Trygg) LoadTextPack(pack string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, _, err := t.raw(true, "trygg_engine_load_text_pack", pack)
	if err == nil {
		t.loaded = append(t.loaded, Document{"pack", pack})
	}
	return err
}

// AllowDrafts allows (or refuses) draft forms for new responses and sessions.
func (t *Trygg) AllowDrafts(allow bool) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	flag := int32(0)
	if allow {
		flag = 1
	}
	_, _, err := t.raw(true, "trygg_engine_allow_drafts", flag)
	if err == nil {
		t.drafts = allow
	}
	return err
}

// Forms lists every loaded form ([FormInfo] as JSON text).
func (t *Trygg) Forms() (string, error) { return t.text(true, "trygg_engine_forms") }

// FormForCheckup is the active check-up form (FormInfo) for a child of ageDays.
func (t *Trygg) FormForCheckup(ageDays float64) (string, error) {
	return t.text(true, "trygg_engine_form_for_checkup", ageDays)
}

// Evaluate scores one response (JSON text): the outcome as canonical JSON text.
func (t *Trygg) Evaluate(formRef, response string) (string, error) {
	return t.text(true, "trygg_evaluate", formRef, response)
}

// EvaluateFamily is the clinician's family summary of a JSON array of responses.
func (t *Trygg) EvaluateFamily(formRef, responses string) (string, error) {
	return t.text(true, "trygg_evaluate_family", formRef, responses)
}

// ViewFor is one respondent's own outcome, from their response alone.
func (t *Trygg) ViewFor(formRef, responses, respondent string) (string, error) {
	return t.text(true, "trygg_view_for", formRef, responses, respondent)
}

// CompareVersions scores one response under two versions.
func (t *Trygg) CompareVersions(fromRef, toRef, response string) (string, error) {
	return t.text(true, "trygg_compare_versions", fromRef, toRef, response)
}

func boolArg(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// Explain gives an outcome's reasons in words, as canonical JSON text. locale is a form
// locale (any other falls back to the form's first); textPacks uses the loaded text packs.
func (t *Trygg) Explain(formRef, response, locale string, textPacks bool) (string, error) {
	return t.text(true, "trygg_explain", formRef, response, locale, boolArg(textPacks))
}

// ExplainText gives the same explanation as Explain in plain text.
func (t *Trygg) ExplainText(formRef, response, locale string, textPacks bool) (string, error) {
	out, err := t.text(true, "trygg_explain_text", formRef, response, locale, boolArg(textPacks))
	if err != nil {
		return "", err
	}
	var words string
	if err := json.Unmarshal([]byte(out), &words); err != nil {
		return "", err
	}
	return words, nil
}

// EvaluateProgramme evaluates a programme definition (JSON text) for one family's input
// (JSON text) against the loaded forms: the result as canonical JSON text.
func (t *Trygg) EvaluateProgramme(programme, input string) (string, error) {
	return t.text(true, "trygg_evaluate_programme", programme, input)
}

// ExportFHIR writes a loaded form version as an SDC Questionnaire (canonical JSON text).
func (t *Trygg) ExportFHIR(formRef string) (string, error) {
	return t.text(true, "trygg_export_fhir", formRef)
}

// ImportFHIR imports an SDC Questionnaire (JSON text) as a Trygg form:
// {form, mapping, report: {mapped, refused}, formErrors}.
func (t *Trygg) ImportFHIR(questionnaire string) (string, error) {
	return t.text(true, "trygg_import_fhir", questionnaire)
}

// EvaluateFHIR scores a QuestionnaireResponse (JSON text): {outcome, problems, stored}.
// questionnaires is JSON text of an array of Questionnaires it may name ("" for none).
func (t *Trygg) EvaluateFHIR(response, questionnaires string) (string, error) {
	return t.text(true, "trygg_evaluate_fhir", response, questionnaires)
}

// FHIRBundle writes the results of a QuestionnaireResponse as a transaction Bundle
// (canonical JSON text); an error listing every problem (Errors) when it has any.
func (t *Trygg) FHIRBundle(response, questionnaires string) (string, error) {
	return t.text(true, "trygg_fhir_bundle", response, questionnaires)
}

// EvaluateLogic evaluates a JsonLogic rule against data (both JSON text).
func (t *Trygg) EvaluateLogic(rule, data string) (string, error) {
	return t.text(false, "trygg_evaluate_logic", rule, data)
}

// CanonicalJSON is the RFC 8785 text of JSON text.
func (t *Trygg) CanonicalJSON(text string) (string, error) {
	return t.text(false, "trygg_canonical_json", text)
}

// EngineVersion is the engine version the module was built from.
func (t *Trygg) EngineVersion() (string, error) { return t.text(false, "trygg_engine_version") }

// Session starts a live session; init is JSON text of {respondent?, context?} ("" for none).
func (t *Trygg) Session(formRef, init string) (*Session, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, h, err := t.raw(true, "trygg_session_new", formRef, init)
	if err != nil {
		return nil, err
	}
	return &Session{t: t, h: uint32(h), generation: t.generation}, nil
}

// Close drops the instance and every session.
func (t *Trygg) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	if t.in == nil {
		return nil
	}
	err := t.in.mod.Close(t.ctx)
	t.in = nil
	return err
}

// Session is one respondent's live form.
type Session struct {
	t          *Trygg
	h          uint32
	generation int
}

func (s *Session) call(name string, args ...arg) (string, error) {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	if s.t.generation != s.generation || s.t.in == nil {
		return "", newError("internal.poisoned", "this session was lost with its module instance (a trap); start a new one", nil)
	}
	text, _, err := s.t.raw(false, name, append([]arg{s.h}, args...)...)
	return text, err
}

// Set sets (with "null" clears) an answer given as JSON text; the changes.
func (s *Session) Set(item, value string) (string, error) {
	return s.call("trygg_session_set", item, value)
}

// Decline declines an item; the changes.
func (s *Session) Decline(item string) (string, error) { return s.call("trygg_session_decline", item) }

// Items is the form rendered in locale.
func (s *Session) Items(locale string) (string, error) { return s.call("trygg_session_items", locale) }

// Progress is the session's progress.
func (s *Session) Progress() (string, error) { return s.call("trygg_session_progress") }

// Outcome is the outcome so far.
func (s *Session) Outcome() (string, error) { return s.call("trygg_session_outcome") }

// Response is the response so far.
func (s *Session) Response() (string, error) { return s.call("trygg_session_response") }

// Close ends the session.
func (s *Session) Close() error {
	_, err := s.call("trygg_session_free")
	return err
}
