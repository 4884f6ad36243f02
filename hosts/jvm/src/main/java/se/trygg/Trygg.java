package se.trygg;

import java.util.ArrayList;
import java.util.List;

/**
 * The trygg engine on the JVM: the plain-ABI {@code trygg.wasm} on Chicory, a pure-Java
 * WebAssembly runtime (no native code).
 *
 * <pre>{@code
 * try (Trygg trygg = Trygg.withBuiltinForms()) {
 *     String outcome = trygg.evaluate("phq-9", "{\"answers\":{\"phq9_1\":\"1\"}}");
 * } catch (TryggException e) {
 *     log(e.code(), e.path());
 * }
 * }</pre>
 *
 * <p>Every call takes and returns text (JSON text for structured values; results are
 * canonical JSON, the same bytes as the native engine). A trap poisons the module instance:
 * the call throws {@code internal.trap}, and the next call makes a new instance and loads
 * again the forms and text packs this engine had (its sessions are gone and throw
 * {@code internal.poisoned}). An instance is not thread-safe: calls are synchronized; use
 * one {@code Trygg} per thread for parallel work.
 */
public final class Trygg implements AutoCloseable {
    /** How Chicory runs the module. */
    public enum Mode {
        /** Chicory's interpreter. */
        INTERPRETER,
        /** Chicory's compiler: wasm → JVM bytecode when the module is first loaded (faster calls). */
        COMPILED
    }

    /** The ABI version this package needs. */
    public static final int ABI_VERSION = Instance.ABI_VERSION;

    private record Doc(boolean form, String text) {}

    private final Mode mode;
    private Instance instance;
    private int engine;
    private int generation;
    private final List<Doc> loaded = new ArrayList<>();
    private boolean drafts;
    private boolean closed;

    private Trygg(Mode mode) throws TryggException {
        this.mode = mode;
        ensure();
    }

    /** An empty engine (Chicory's compiler): load forms with {@link #loadForm}. */
    public static Trygg create() throws TryggException {
        return new Trygg(Mode.COMPILED);
    }

    /** An empty engine run in {@code mode}. */
    public static Trygg create(Mode mode) throws TryggException {
        return new Trygg(mode);
    }

    /** An engine with every built-in form and text pack (Chicory's compiler). */
    public static Trygg withBuiltinForms() throws TryggException {
        return withBuiltinForms(Mode.COMPILED);
    }

    /** An engine with every built-in form and text pack, run in {@code mode}. */
    public static Trygg withBuiltinForms(Mode mode) throws TryggException {
        Trygg t = new Trygg(mode);
        for (String line : Instance.Data.text("forms/index.txt").split("\n")) {
            if (line.length() < 6) continue;
            String text = Instance.Data.text("forms/" + line.substring(5));
            if (line.startsWith("form ")) t.loadForm(text);
            else t.loadTextPack(text);
        }
        return t;
    }

    private Instance ensure() throws TryggException {
        if (closed) throw new TryggException("internal.closed", "this Trygg is closed", null);
        if (instance != null) return instance;
        Instance in = new Instance(mode);
        int h = Instance.unwrap(in.call("trygg_engine_new")).status();
        for (Doc d : loaded) {
            Instance.unwrap(in.call(d.form() ? "trygg_engine_load_form" : "trygg_engine_load_text_pack", h, d.text()));
        }
        if (drafts) Instance.unwrap(in.call("trygg_engine_allow_drafts", h, 1));
        instance = in;
        engine = h;
        generation++;
        return in;
    }

    /** A raw call on this engine's instance; a trap drops the instance. */
    synchronized Instance.Result call(String name, Object... args) throws TryggException {
        Instance in = ensure();
        try {
            return Instance.unwrap(in.call(name, args));
        } catch (TryggException e) {
            if (e.code().equals("internal.trap")) instance = null;
            throw e;
        }
    }

    private synchronized String onEngine(String name, Object... args) throws TryggException {
        ensure();
        Object[] all = new Object[args.length + 1];
        all[0] = engine;
        System.arraycopy(args, 0, all, 1, args.length);
        return call(name, all).text();
    }

    synchronized int generation() { return generation; }

    /** Compile and add a form definition (JSON text); its FormInfo (JSON text). */
    public synchronized String loadForm(String definition) throws TryggException {
        String info = onEngine("trygg_engine_load_form", definition);
        loaded.add(new Doc(true, definition));
        return info;
    }

    /** Load a text pack (JSON text) for the loaded versions of its form. */
    public synchronized void loadTextPack(String pack) throws TryggException {
        onEngine("trygg_engine_load_text_pack", pack);
        loaded.add(new Doc(false, pack));
    }

    /** Allow (or refuse) draft forms for new responses and sessions. */
    public synchronized void allowDrafts(boolean allow) throws TryggException {
        onEngine("trygg_engine_allow_drafts", allow ? 1 : 0);
        drafts = allow;
    }

    /** Every loaded form: {@code [FormInfo]} as JSON text. */
    public String forms() throws TryggException { return onEngine("trygg_engine_forms"); }

    /** The active check-up form (FormInfo) for a child of {@code ageDays}. */
    public String formForCheckup(long ageDays) throws TryggException {
        return onEngine("trygg_engine_form_for_checkup", (double) ageDays);
    }

    /**
     * Score one response.
     *
     * @param formRef {@code "id"}, {@code "id@version"} or JSON {@code {"id","version"}}
     * @param responseJson the response as a journal system stores it (JSON text)
     * @return the outcome as canonical JSON text
     * @throws TryggException e.g. {@code response.not_json}, {@code registry.unknown_form}
     */
    public String evaluate(String formRef, String responseJson) throws TryggException {
        return onEngine("trygg_evaluate", formRef, responseJson);
    }

    /** The clinician's family summary of a JSON array of responses. */
    public String evaluateFamily(String formRef, String responsesJson) throws TryggException {
        return onEngine("trygg_evaluate_family", formRef, responsesJson);
    }

    /** One respondent's own outcome, from their response alone. */
    public String viewFor(String formRef, String responsesJson, String respondent) throws TryggException {
        return onEngine("trygg_view_for", formRef, responsesJson, respondent);
    }

    /** One response scored under two versions: {@code {from, to, dropped, droppedFrom, change}}. */
    public String compareVersions(String fromRef, String toRef, String responseJson) throws TryggException {
        return onEngine("trygg_compare_versions", fromRef, toRef, responseJson);
    }

    /**
     * An outcome's reasons in words, as canonical JSON text. {@code locale} is a form locale (any
     * other falls back to the form's first); {@code textPacks} uses the loaded text packs.
     */
    public String explain(String formRef, String responseJson, String locale, boolean textPacks) throws TryggException {
        return onEngine("trygg_explain", formRef, responseJson, locale, textPacks ? 1 : 0);
    }

    /** The same explanation as {@link #explain}, in plain text. */
    public String explainText(String formRef, String responseJson, String locale, boolean textPacks) throws TryggException {
        return (String) MiniJson.parse(onEngine("trygg_explain_text", formRef, responseJson, locale, textPacks ? 1 : 0));
    }

    /**
     * A programme definition (JSON text) evaluated for one family's input (JSON text) against
     * the loaded forms, as canonical JSON text.
     */
    public String evaluateProgramme(String programmeJson, String inputJson) throws TryggException {
        return onEngine("trygg_evaluate_programme", programmeJson, inputJson);
    }

    /** A loaded form version as an SDC Questionnaire (canonical JSON text; FHIR). */
    public String exportFhir(String formRef) throws TryggException {
        return onEngine("trygg_export_fhir", formRef);
    }

    /** An SDC Questionnaire (JSON text) imported as a Trygg form: {form, mapping, report, formErrors}. */
    public String importFhir(String questionnaireJson) throws TryggException {
        return onEngine("trygg_import_fhir", questionnaireJson);
    }

    /**
     * A QuestionnaireResponse (JSON text) scored: {outcome, problems, stored}.
     * {@code questionnairesJson}: JSON text of an array of Questionnaires it may name ("" for none).
     */
    public String evaluateFhir(String responseJson, String questionnairesJson) throws TryggException {
        return onEngine("trygg_evaluate_fhir", responseJson, questionnairesJson);
    }

    /**
     * The results of a QuestionnaireResponse as a transaction Bundle (canonical JSON text); a
     * TryggException listing every problem ({@code errors()}) when the response has any.
     */
    public String fhirBundle(String responseJson, String questionnairesJson) throws TryggException {
        return onEngine("trygg_fhir_bundle", responseJson, questionnairesJson);
    }

    /** Evaluate a JsonLogic rule against data (both JSON text). */
    public String evaluateLogic(String ruleJson, String dataJson) throws TryggException {
        return call("trygg_evaluate_logic", ruleJson, dataJson).text();
    }

    /** The RFC 8785 canonical text of JSON text. */
    public String canonicalJson(String json) throws TryggException {
        return call("trygg_canonical_json", json).text();
    }

    /** The engine version the module was built from. */
    public String engineVersion() throws TryggException {
        return call("trygg_engine_version").text();
    }

    /** A live session; {@code initJson} is {@code {respondent?, context?}} ({@code ""} for none). */
    public synchronized Session session(String formRef, String initJson) throws TryggException {
        ensure();
        int h = call("trygg_session_new", engine, formRef, initJson).status();
        return new Session(this, h, generation);
    }

    /** Drop the instance and every session. */
    @Override
    public synchronized void close() {
        closed = true;
        instance = null;
        loaded.clear();
    }
}
