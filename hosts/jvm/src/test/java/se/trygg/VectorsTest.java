package se.trygg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JVM host runs every shared vector (canonical, JsonLogic, forms, families, views,
 * sessions) on Chicory and writes tests/artifacts/&lt;suite&gt;-jvm.txt for make test-same.
 */
class VectorsTest {
    static final String RUNTIME = "jvm";
    static final Path REPO = Path.of(System.getProperty("trygg.repo", "../..")).toAbsolutePath().normalize();
    static final Path TESTS = REPO.resolve("tests");
    static final Path SUITES = REPO.resolve("../shared/conformance/jsonlogic/suites").normalize();
    // Numbers keep their literal value (BigDecimal), so re-encoding gives the same number.
    static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    static Trygg trygg;

    @BeforeAll
    static void load() throws TryggException {
        trygg = Trygg.withBuiltinForms();
    }

    @AfterAll
    static void close() {
        trygg.close();
    }

    /** A call's output text or its error. */
    record Outcome(String text, TryggException error) {
        String line(String id) {
            return error == null ? id + "\t" + text + "\n" : id + "\t!" + error.code() + "\t" + error.path() + "\n";
        }
    }

    interface Call { String run() throws TryggException; }

    static Outcome attempt(Call c) {
        try {
            return new Outcome(c.run(), null);
        } catch (TryggException e) {
            return new Outcome(null, e);
        }
    }

    static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json"))
                .sorted((a, b) -> Arrays.compare(a.getFileName().toString().getBytes(StandardCharsets.UTF_8),
                    b.getFileName().toString().getBytes(StandardCharsets.UTF_8)))
                .toList();
        }
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }

    static JsonNode read(Path p) throws IOException {
        return JSON.readTree(Files.readString(p));
    }

    static String text(JsonNode n) throws IOException {
        return JSON.writeValueAsString(n == null ? NullNode.instance : n);
    }

    static void writeArtifact(String name, String text) throws IOException {
        Path dir = TESTS.resolve("artifacts");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void canonicalVectors() throws IOException {
        StringBuilder lines = new StringBuilder();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Path f : jsonFiles(TESTS.resolve("vectors/canonical"))) {
            for (JsonNode c : read(f).get("cases")) {
                String id = stem(f) + "/" + c.get("name").asText();
                Outcome o = attempt(() -> trygg.canonicalJson(c.get("input").asText()));
                lines.append(o.line(id));
                n++;
                boolean ok = c.has("expect")
                    ? o.error() == null && o.text().equals(c.get("expect").asText())
                    : o.error() != null && o.error().code().equals(c.get("error").get("code").asText())
                        && o.error().path().equals(c.get("error").path("path").asText(""));
                if (ok == c.has("xfail")) failures.add(id);
            }
        }
        writeArtifact("canonical-" + RUNTIME + ".txt", lines.toString());
        assertTrue(n >= 50, n + " cases");
        assertEquals(List.of(), failures);
    }

    @Test
    void jsonLogicSuites() throws IOException, TryggException {
        StringBuilder lines = new StringBuilder();
        List<String> failures = new ArrayList<>();
        int n = 0;
        Map<String, Path> suites = new LinkedHashMap<>();
        for (JsonNode name : read(SUITES.resolve("index.json"))) suites.put(name.asText(), SUITES.resolve(name.asText()));
        // Then the project's own suites in the same format, vectors/logic/*.json.
        for (Path f : jsonFiles(TESTS.resolve("vectors/logic"))) suites.put("logic/" + f.getFileName(), f);
        for (Map.Entry<String, Path> suite : suites.entrySet()) {
            int k = 0;
            for (JsonNode c : read(suite.getValue())) {
                if (!c.isObject()) continue;
                String id = suite.getKey() + "#" + k++;
                n++;
                String rule = trygg.canonicalJson(text(c.get("rule")));
                String data = trygg.canonicalJson(text(c.get("data")));
                Outcome o = attempt(() -> trygg.evaluateLogic(rule, data));
                lines.append(o.error() == null ? id + "\t" + o.text() + "\n"
                    : id + "\t!" + o.error().code() + "\t" + o.error().path() + "\t" + o.error().type().orElse("") + "\t" + o.error().value().orElse("") + "\n");
                boolean ok = c.has("result")
                    ? o.error() == null && o.text().equals(trygg.canonicalJson(text(c.get("result"))))
                    : o.error() != null && o.error().type().orElse("").equals(c.get("error").get("type").asText());
                if (!ok) failures.add(id);
            }
        }
        writeArtifact("jsonlogic-" + RUNTIME + ".txt", lines.toString());
        assertTrue(n >= 1000, n + " cases");
        assertEquals(List.of(), failures);
    }

    static String expect(JsonNode c) {
        return c.has("expect") ? c.get("expect").asText()
            : "!" + c.get("error").get("code").asText() + "\t" + c.get("error").path("path").asText("");
    }

    /** Mirrors tests/native/src/forms.rs::run_case: ids, order, line format. */
    @Test
    void formVectors() throws IOException, TryggException {
        StringBuilder lines = new StringBuilder();
        Map<String, String> want = new LinkedHashMap<>();
        for (Path f : jsonFiles(TESTS.resolve("vectors/forms"))) {
            JsonNode doc = read(f);
            JsonNode programmes = doc.path("programmes");
            for (JsonNode c : doc.get("cases")) {
                String id = stem(f) + "/" + c.get("name").asText();
                String form = c.path("form").asText();
                want.put(id, expect(c));
                if (c.has("text")) want.put(id + "/text", trygg.canonicalJson(text(c.get("text"))));
                for (Iterator<Map.Entry<String, JsonNode>> it = c.path("views").fields(); it.hasNext();) {
                    var e = it.next();
                    want.put(id + "/view/" + e.getKey(), e.getValue().asText());
                }
                for (int s = 0; s < c.path("steps").size(); s++) want.put(id + "/step/" + s, expect(c.get("steps").get(s)));
                if (c.has("input")) {
                    String programme = text(programmes.get(c.get("programme").asText()));
                    String input = text(c.get("input"));
                    lines.append(attempt(() -> trygg.evaluateProgramme(programme, input)).line(id));
                } else if (c.has("explain")) {
                    String locale = c.get("explain").path("locale").asText("");
                    boolean packs = c.get("explain").path("textPacks").asBoolean(true);
                    String response = text(c.get("response"));
                    Outcome o = attempt(() -> trygg.explain(form, response, locale, packs));
                    lines.append(o.line(id));
                    if (o.error() != null) continue;
                    Outcome words = attempt(() -> trygg.explainText(form, response, locale, packs));
                    lines.append(words.error() != null
                        ? words.line(id + "/text")
                        : id + "/text\t" + trygg.canonicalJson(text(TextNode.valueOf(words.text()))) + "\n");
                } else if (c.has("responses")) {
                    String responses = text(c.get("responses"));
                    Outcome o = attempt(() -> trygg.evaluateFamily(form, responses));
                    lines.append(o.line(id));
                    if (o.error() != null) continue;
                    for (JsonNode r : c.get("responses")) {
                        JsonNode who = r.path("respondent").path("id");
                        if (who.isTextual()) lines.append(attempt(() -> trygg.viewFor(form, responses, who.asText())).line(id + "/view/" + who.asText()));
                    }
                } else if (c.has("steps")) {
                    String init = c.has("init") ? text(c.get("init")) : "";
                    Session session;
                    try {
                        session = trygg.session(form, init);
                    } catch (TryggException e) {
                        lines.append(new Outcome(null, e).line(id));
                        continue;
                    }
                    int s = 0;
                    for (JsonNode step : c.get("steps")) {
                        String value = text(step.get("value"));
                        Outcome o = step.has("decline")
                            ? attempt(() -> session.decline(step.get("decline").asText()))
                            : attempt(() -> session.set(step.get("set").asText(), value));
                        lines.append(o.line(id + "/step/" + s++));
                    }
                    String out = session.outcome();
                    lines.append(id).append('\t').append(out).append('\n');
                    assertEquals(out, trygg.evaluate(form, session.response()), id + ": outcome is evaluate(response())");
                    session.close();
                } else {
                    String response = text(c.get("response"));
                    lines.append(attempt(() -> trygg.evaluate(form, response)).line(id));
                }
            }
        }
        writeArtifact("forms-" + RUNTIME + ".txt", lines.toString());
        Map<String, String> got = new LinkedHashMap<>();
        for (String l : lines.toString().split("\n")) {
            int tab = l.indexOf('\t');
            got.put(l.substring(0, tab), l.substring(tab + 1));
        }
        assertTrue(want.size() >= 300, want.size() + " expectations");
        assertEquals(want.keySet(), got.keySet());
        List<String> wrong = want.keySet().stream().filter(k -> !want.get(k).equals(got.get(k))).toList();
        assertEquals(List.of(), wrong);
    }

    static String expect(JsonNode c, String ok, String bad) {
        return c.has(ok) ? c.get(ok).asText()
            : "!" + c.get(bad).get("code").asText() + "\t" + c.get(bad).path("path").asText("");
    }

    /** Mirrors tests/native/src/fhir.rs::run_case: ids, order, line format. */
    @Test
    void fhirVectors() throws IOException {
        StringBuilder lines = new StringBuilder();
        Map<String, String> want = new LinkedHashMap<>();
        for (Path f : jsonFiles(TESTS.resolve("vectors/fhir"))) {
            for (JsonNode c : read(f).get("cases")) {
                String id = stem(f) + "/" + c.get("name").asText();
                want.put(id, expect(c, "expect", "error"));
                if (c.has("export")) {
                    lines.append(attempt(() -> trygg.exportFhir(c.get("export").asText())).line(id));
                } else if (c.has("import")) {
                    String q = text(c.get("import"));
                    lines.append(attempt(() -> trygg.importFhir(q)).line(id));
                } else {
                    String response = text(c.get("response"));
                    String qs = c.has("questionnaires") ? text(c.get("questionnaires")) : "";
                    lines.append(attempt(() -> trygg.evaluateFhir(response, qs)).line(id));
                    lines.append(attempt(() -> trygg.fhirBundle(response, qs)).line(id + "/bundle"));
                    want.put(id + "/bundle", expect(c, "bundle", "bundleError"));
                }
            }
        }
        writeArtifact("fhir-" + RUNTIME + ".txt", lines.toString());
        Map<String, String> got = new LinkedHashMap<>();
        for (String l : lines.toString().split("\n")) {
            int tab = l.indexOf('\t');
            got.put(l.substring(0, tab), l.substring(tab + 1));
        }
        assertTrue(want.size() >= 40, want.size() + " expectations");
        assertEquals(want.keySet(), got.keySet());
        List<String> wrong = want.keySet().stream().filter(k -> !want.get(k).equals(got.get(k))).toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void fhirBadInputIsLocated() {
        Outcome o = attempt(() -> trygg.evaluateFhir("{\"resourceType\":\"Patient\"}", ""));
        assertEquals("fhir.wrong_resource_type", o.error().code());
        assertEquals("/resourceType", o.error().path());
        o = attempt(() -> trygg.importFhir("{\"resourceType\":\"Questionnaire\",\"a\":1,\"a\":2}"));
        assertEquals("fhir.duplicate_key", o.error().code());
        assertEquals("/a", o.error().path());
        o = attempt(() -> trygg.exportFhir("phq-9@9.9.9"));
        assertEquals("registry.unknown_form", o.error().code());
    }
}
