package trygg

// The Go host runs every shared vector (canonical, JsonLogic, forms, families, views,
// sessions) on wazero and writes tests/artifacts/<suite>-go.txt for make test-same.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const runtimeName = "go"

var (
	repo   = filepath.Join("..", "..")
	tests  = filepath.Join(repo, "tests")
	suites = filepath.Join(repo, "..", "shared", "conformance", "jsonlogic", "suites")
)

func builtin(t *testing.T) *Trygg {
	t.Helper()
	tr, err := WithBuiltinForms()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tr.Close() })
	return tr
}

func jsonFiles(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out) // byte order
	return out
}

// decode keeps numbers as their literal text (json.Number), so re-encoding gives them back.
func decode(t *testing.T, data []byte, v any) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		t.Fatal(err)
	}
}

func encode(v any) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

func writeArtifact(t *testing.T, name, text string) {
	dir := filepath.Join(tests, "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func asError(t *testing.T, err error) *Error {
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("not a trygg error: %v", err)
	}
	return e
}

func line(t *testing.T, id, out string, err error) string {
	if err != nil {
		e := asError(t, err)
		return fmt.Sprintf("%s\t!%s\t%s\n", id, e.Code, e.Path)
	}
	return fmt.Sprintf("%s\t%s\n", id, out)
}

func TestModuleImportsNothingAndIsMakeAbis(t *testing.T) {
	wasm, _ := Data.ReadFile("data/trygg.wasm")
	sum := sha256.Sum256(wasm)
	want, err := os.ReadFile(filepath.Join(repo, "target", "abi", "trygg.wasm.sha256"))
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(sum[:]) != strings.TrimSpace(string(want)) {
		t.Fatal("the embedded trygg.wasm is not the one make abi built")
	}
	_, c, err := module(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.ImportedFunctions()) + len(c.ImportedMemories()); n != 0 {
		t.Fatalf("trygg.wasm imports %d functions/memories", n)
	}
}

type canonicalCase struct {
	Name   string  `json:"name"`
	Input  string  `json:"input"`
	Expect *string `json:"expect"`
	Error  *Detail `json:"error"`
	Xfail  *string `json:"xfail"`
}

func TestCanonicalVectors(t *testing.T) {
	tr := builtin(t)
	var lines strings.Builder
	n := 0
	for _, f := range jsonFiles(t, filepath.Join(tests, "vectors", "canonical")) {
		data, _ := os.ReadFile(filepath.Join(tests, "vectors", "canonical", f))
		var doc struct{ Cases []canonicalCase }
		decode(t, data, &doc)
		for _, c := range doc.Cases {
			id := strings.TrimSuffix(f, ".json") + "/" + c.Name
			out, err := tr.CanonicalJSON(c.Input)
			lines.WriteString(line(t, id, out, err))
			n++
			var ok bool
			if c.Expect != nil {
				ok = err == nil && out == *c.Expect
			} else {
				ok = err != nil && asError(t, err).Code == c.Error.Code && asError(t, err).Path == c.Error.Path
			}
			if ok == (c.Xfail != nil) {
				t.Errorf("%s: got %q %v", id, out, err)
			}
		}
	}
	writeArtifact(t, "canonical-"+runtimeName+".txt", lines.String())
	if n < 50 {
		t.Fatalf("only %d cases", n)
	}
}

func TestJsonLogicSuites(t *testing.T) {
	tr := builtin(t)
	canon := func(v any) string {
		out, err := tr.CanonicalJSON(encode(v))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	data, err := os.ReadFile(filepath.Join(suites, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	decode(t, data, &names)
	paths := map[string]string{}
	for _, name := range names {
		paths[name] = filepath.Join(suites, name)
	}
	// Then the project's own suites in the same format, vectors/logic/*.json.
	logicDir := filepath.Join(tests, "vectors", "logic")
	for _, f := range jsonFiles(t, logicDir) {
		names = append(names, "logic/"+f)
		paths["logic/"+f] = filepath.Join(logicDir, f)
	}
	var lines strings.Builder
	n := 0
	for _, name := range names {
		data, _ := os.ReadFile(paths[name])
		var suite []any
		decode(t, data, &suite)
		i := 0
		for _, raw := range suite {
			c, isCase := raw.(map[string]any)
			if !isCase {
				continue
			}
			id := fmt.Sprintf("%s#%d", name, i)
			i++
			n++
			out, err := tr.EvaluateLogic(canon(c["rule"]), canon(c["data"]))
			if err != nil {
				e := asError(t, err)
				fmt.Fprintf(&lines, "%s\t!%s\t%s\t%s\t%s\n", id, e.Code, e.Path, e.Type, e.Value)
			} else {
				fmt.Fprintf(&lines, "%s\t%s\n", id, out)
			}
			if want, has := c["result"]; has {
				if err != nil || out != canon(want) {
					t.Errorf("%s: got %q %v", id, out, err)
				}
			} else {
				wantType, _ := c["error"].(map[string]any)["type"].(string)
				if err == nil || asError(t, err).Type != wantType {
					t.Errorf("%s: want error %s, got %q %v", id, wantType, out, err)
				}
			}
		}
	}
	writeArtifact(t, "jsonlogic-"+runtimeName+".txt", lines.String())
	if n < 1000 {
		t.Fatalf("only %d cases", n)
	}
}

func expect(c map[string]any) string {
	if e, ok := c["expect"].(string); ok {
		return e
	}
	errObj, _ := c["error"].(map[string]any)
	code, _ := errObj["code"].(string)
	path, _ := errObj["path"].(string)
	return "!" + code + "\t" + path
}

// canonical is the module's RFC 8785 text of JSON text (for JSON strings: the native
// runner's serde_json text, which escapes no more than RFC 8785 does).
func canonical(t *testing.T, tr *Trygg, text string) string {
	out, err := tr.CanonicalJSON(text)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runForms mirrors tests/native/src/forms.rs::run_case: ids, order, line format.
func runForms(t *testing.T, tr *Trygg) (string, map[string]string) {
	var lines strings.Builder
	want := map[string]string{}
	dir := filepath.Join(tests, "vectors", "forms")
	for _, f := range jsonFiles(t, dir) {
		data, _ := os.ReadFile(filepath.Join(dir, f))
		var doc struct {
			Cases      []map[string]any
			Programmes map[string]any
		}
		decode(t, data, &doc)
		for _, c := range doc.Cases {
			id := strings.TrimSuffix(f, ".json") + "/" + c["name"].(string)
			form, _ := c["form"].(string)
			want[id] = expect(c)
			if views, ok := c["views"].(map[string]any); ok {
				for who, v := range views {
					want[id+"/view/"+who], _ = v.(string)
				}
			}
			steps, _ := c["steps"].([]any)
			for n, s := range steps {
				want[fmt.Sprintf("%s/step/%d", id, n)] = expect(s.(map[string]any))
			}
			if text, ok := c["text"]; ok {
				want[id+"/text"] = canonical(t, tr, encode(text))
			}
			if input, ok := c["input"]; ok {
				key, _ := c["programme"].(string)
				out, err := tr.EvaluateProgramme(encode(doc.Programmes[key]), encode(input))
				lines.WriteString(line(t, id, out, err))
			} else if opts, ok := c["explain"].(map[string]any); ok {
				locale, _ := opts["locale"].(string)
				packs, has := opts["textPacks"].(bool)
				if !has {
					packs = true
				}
				response := encode(c["response"])
				out, err := tr.Explain(form, response, locale, packs)
				lines.WriteString(line(t, id, out, err))
				if err != nil {
					continue
				}
				words, err := tr.ExplainText(form, response, locale, packs)
				if err == nil {
					words = canonical(t, tr, encode(words))
				}
				lines.WriteString(line(t, id+"/text", words, err))
			} else if responses, ok := c["responses"].([]any); ok {
				text := encode(responses)
				out, err := tr.EvaluateFamily(form, text)
				lines.WriteString(line(t, id, out, err))
				if err != nil {
					continue
				}
				for _, r := range responses {
					rm, _ := r.(map[string]any)
					resp, _ := rm["respondent"].(map[string]any)
					if who, ok := resp["id"].(string); ok {
						out, err := tr.ViewFor(form, text, who)
						lines.WriteString(line(t, id+"/view/"+who, out, err))
					}
				}
			} else if _, ok := c["steps"]; ok {
				init := ""
				if v, has := c["init"]; has {
					init = encode(v)
				}
				s, err := tr.Session(form, init)
				if err != nil {
					lines.WriteString(line(t, id, "", err))
					continue
				}
				for n, raw := range steps {
					step := raw.(map[string]any)
					var out string
					if item, ok := step["decline"].(string); ok {
						out, err = s.Decline(item)
					} else {
						out, err = s.Set(step["set"].(string), encode(step["value"]))
					}
					lines.WriteString(line(t, fmt.Sprintf("%s/step/%d", id, n), out, err))
				}
				out, err := s.Outcome()
				if err != nil {
					t.Fatal(err)
				}
				lines.WriteString(line(t, id, out, nil))
				resp, _ := s.Response()
				if again, _ := tr.Evaluate(form, resp); again != out {
					t.Errorf("%s: the session's outcome is not Evaluate(Response())", id)
				}
				_ = s.Close()
			} else {
				out, err := tr.Evaluate(form, encode(c["response"]))
				lines.WriteString(line(t, id, out, err))
			}
		}
	}
	return lines.String(), want
}

func TestFormVectors(t *testing.T) {
	tr := builtin(t)
	text, want := runForms(t, tr)
	writeArtifact(t, "forms-"+runtimeName+".txt", text)
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		id, out, _ := strings.Cut(l, "\t")
		got[id] = out
	}
	if len(got) != len(want) || len(want) < 300 {
		t.Fatalf("%d lines, %d expectations", len(got), len(want))
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: want %.200s, got %.200s", id, w, got[id])
		}
	}
}

// runFHIR mirrors tests/native/src/fhir.rs::run_case: ids, order, line format.
func runFHIR(t *testing.T, tr *Trygg) (string, map[string]string) {
	var lines strings.Builder
	want := map[string]string{}
	exp := func(c map[string]any, ok, bad string) string {
		if e, found := c[ok].(string); found {
			return e
		}
		errObj, _ := c[bad].(map[string]any)
		code, _ := errObj["code"].(string)
		path, _ := errObj["path"].(string)
		return "!" + code + "\t" + path
	}
	dir := filepath.Join(tests, "vectors", "fhir")
	for _, f := range jsonFiles(t, dir) {
		data, _ := os.ReadFile(filepath.Join(dir, f))
		var doc struct{ Cases []map[string]any }
		decode(t, data, &doc)
		for _, c := range doc.Cases {
			id := strings.TrimSuffix(f, ".json") + "/" + c["name"].(string)
			want[id] = exp(c, "expect", "error")
			if r, ok := c["export"].(string); ok {
				out, err := tr.ExportFHIR(r)
				lines.WriteString(line(t, id, out, err))
			} else if q, ok := c["import"]; ok {
				out, err := tr.ImportFHIR(encode(q))
				lines.WriteString(line(t, id, out, err))
			} else {
				response, qs := encode(c["response"]), ""
				if q, ok := c["questionnaires"]; ok {
					qs = encode(q)
				}
				out, err := tr.EvaluateFHIR(response, qs)
				lines.WriteString(line(t, id, out, err))
				out, err = tr.FHIRBundle(response, qs)
				lines.WriteString(line(t, id+"/bundle", out, err))
				want[id+"/bundle"] = exp(c, "bundle", "bundleError")
			}
		}
	}
	return lines.String(), want
}

func TestFHIRVectors(t *testing.T) {
	tr := builtin(t)
	text, want := runFHIR(t, tr)
	writeArtifact(t, "fhir-"+runtimeName+".txt", text)
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		id, out, _ := strings.Cut(l, "\t")
		got[id] = out
	}
	if len(got) != len(want) || len(want) < 40 {
		t.Fatalf("%d lines, %d expectations", len(got), len(want))
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: want %.200s, got %.200s", id, w, got[id])
		}
	}
}

func TestFHIRBadInput(t *testing.T) {
	tr := builtin(t)
	cases := []struct {
		call       func() (string, error)
		code, path string
	}{
		{func() (string, error) { return tr.EvaluateFHIR(`{"resourceType":"Patient"}`, "") }, "fhir.wrong_resource_type", "/resourceType"},
		{func() (string, error) { return tr.ImportFHIR(`{"resourceType":"Questionnaire","a":1,"a":2}`) }, "fhir.duplicate_key", "/a"},
		{func() (string, error) { return tr.ExportFHIR("phq-9@9.9.9") }, "registry.unknown_form", ""},
		{func() (string, error) { return tr.FHIRBundle(`{"resourceType":"QuestionnaireResponse"}`, "{}") }, "fhir.malformed", ""},
	}
	for _, c := range cases {
		_, err := c.call()
		e := asError(t, err)
		if e.Code != c.code || e.Path != c.path || len(e.Errors) == 0 {
			t.Errorf("want %s at %q, got %v", c.code, c.path, e)
		}
	}
}

func TestBadInputGivesTheNativeCodeAndPath(t *testing.T) {
	tr := builtin(t)
	session, err := tr.Session("phq-9", "")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		call       func() (string, error)
		code, path string
	}{
		{func() (string, error) { return tr.CanonicalJSON(`{"a": [1, 2,`) }, "json.invalid", ""},
		{func() (string, error) { return tr.EvaluateLogic(`{"and":[true,{"nope":1}]}`, "null") }, "logic.unknown_operator", "/and/1/nope"},
		{func() (string, error) { return tr.Evaluate("phq-9@9.9.9", "{}") }, "registry.unknown_form", ""},
		{func() (string, error) { return tr.Evaluate("phq-9", `{"answers":`) }, "response.not_json", ""},
		{func() (string, error) { return session.Set("nope", "true") }, "answer.unknown_item", "/answers/nope"},
	}
	for _, c := range cases {
		_, err := c.call()
		e := asError(t, err)
		if e.Code != c.code || e.Path != c.path || len(e.Errors) == 0 || !strings.HasPrefix(e.Error(), c.code+": ") {
			t.Errorf("want %s at %q, got %v", c.code, c.path, e)
		}
	}
	_, err = tr.LoadForm(`{"id":"x"}`)
	if e := asError(t, err); e.Code != "form.invalid" || len(e.Errors) == 0 {
		t.Errorf("a bad form: %v", e)
	}
	_, err = tr.EvaluateLogic(`{"/":[1,0]}`, "{}")
	if e := asError(t, err); e.Type != "NaN" || e.Value != `{"type":"NaN"}` {
		t.Errorf("logic error: %+v", e)
	}
}

func TestATrapPoisonsOnlyThatInstanceAndThePackageRecovers(t *testing.T) {
	other, tr := builtin(t), builtin(t)
	session, err := tr.Session("phq-9", "")
	if err != nil {
		t.Fatal(err)
	}
	response := `{"answers":{"phq9_1":"2"}}`
	before, err := tr.Evaluate("phq-9", response)
	if err != nil {
		t.Fatal(err)
	}
	// A pointer past the end of memory: the module reads out of bounds and traps.
	tr.mu.Lock()
	_, _, err = tr.raw(false, "trygg_canonical_json", uint32(0xFFFF_FF00), uint32(1000))
	tr.mu.Unlock()
	if e := asError(t, err); e.Code != "internal.trap" || errors.Unwrap(e) == nil {
		t.Fatalf("want internal.trap, got %v", err)
	}
	if again, err := tr.Evaluate("phq-9", response); err != nil || again != before {
		t.Fatalf("after the trap: %v", err)
	}
	if _, err := session.Outcome(); asError(t, err).Code != "internal.poisoned" {
		t.Fatalf("a session of the old instance: %v", err)
	}
	if o, err := other.Evaluate("phq-9", response); err != nil || o != before {
		t.Fatalf("another instance: %v", err)
	}
}
