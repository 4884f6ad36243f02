/*
 * trygg.h: the plain ABI of trygg.wasm, version 1 (abi/ABI.md says the same in prose).
 *
 * trygg.wasm is a core wasm32 module that imports nothing. It exports these functions and
 * its linear memory `memory`. Pointers are offsets into that memory; lengths are bytes.
 *
 * On load: call trygg_abi_version() and refuse the module unless it returns
 * TRYGG_ABI_VERSION.
 *
 * Ownership:
 *   - Input texts (UTF-8) are allocated by the host with trygg_alloc(len), written, passed
 *     as (ptr, len), and freed by the host with trygg_free(ptr, len) after the call. The
 *     module never keeps or frees them. A text of length 0 may be passed as (0, 0).
 *   - The result text belongs to the module: read it with trygg_result_ptr() and
 *     trygg_result_len() and copy it out before the next call of any export.
 *
 * Status (int32_t) of every fallible call:
 *   0   success; the result text is the output (canonical JSON, RFC 8785)
 *   >0  success of a handle-making call: the status is the new handle
 *   -1  failure; the result text is {"code","path","message","errors"} as canonical JSON
 *       (trygg_evaluate_logic adds "type" and "value")
 *
 * Traps (out-of-bounds pointer, allocation failure, or a bug: panics abort) poison the
 * instance: drop it and instantiate again. Other instances are unaffected.
 * Threads: one instance per thread; calls into one instance never overlap.
 * Limits: form 4 MiB; response, text pack 1 MiB; family 8 responses; form reference,
 * session init, answer 64 KiB; other JSON 4 MiB; nesting 128. Over a limit is an error.
 */
#ifndef TRYGG_H
#define TRYGG_H

#include <stdint.h>

#define TRYGG_ABI_VERSION 1u
#define TRYGG_OK 0
#define TRYGG_ERR (-1)

typedef uint32_t trygg_ptr;    /* offset into the module's memory */
typedef uint32_t trygg_len;    /* length in bytes */
typedef uint32_t trygg_engine; /* engine handle, >= 1 */
typedef uint32_t trygg_session;/* session handle, >= 1 */

/* Version and buffers. */
uint32_t trygg_abi_version(void);
trygg_ptr trygg_alloc(trygg_len len);          /* 0 for len 0; traps when memory cannot grow */
void trygg_free(trygg_ptr ptr, trygg_len len); /* the same len as allocated */
trygg_ptr trygg_result_ptr(void);
trygg_len trygg_result_len(void);
int32_t trygg_engine_version(void);            /* result: e.g. 0.1.0 (plain text) */

/* Stateless calls. */
int32_t trygg_canonical_json(trygg_ptr json, trygg_len json_len);
int32_t trygg_content_hash(trygg_ptr json, trygg_len json_len);   /* "sha256:<hex>" */
int32_t trygg_evaluate_logic(trygg_ptr rule, trygg_len rule_len,
                             trygg_ptr data, trygg_len data_len);

/* Engines: loaded forms and text packs. form_ref: "id", "id@version" or {"id","version"?}. */
int32_t trygg_engine_new(void);                                /* status = handle */
int32_t trygg_engine_free(trygg_engine engine);                /* result: null */
int32_t trygg_engine_allow_drafts(trygg_engine engine, int32_t allow);
int32_t trygg_engine_load_form(trygg_engine engine, trygg_ptr json, trygg_len json_len);
int32_t trygg_engine_load_text_pack(trygg_engine engine, trygg_ptr json, trygg_len json_len);
int32_t trygg_engine_forms(trygg_engine engine);               /* [FormInfo] */
int32_t trygg_engine_form_for_checkup(trygg_engine engine, double age_days);
int32_t trygg_evaluate(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len,
                       trygg_ptr response, trygg_len response_len);
int32_t trygg_evaluate_family(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len,
                              trygg_ptr responses, trygg_len responses_len);
int32_t trygg_view_for(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len,
                       trygg_ptr responses, trygg_len responses_len,
                       trygg_ptr respondent, trygg_len respondent_len);
int32_t trygg_compare_versions(trygg_engine engine, trygg_ptr from_ref, trygg_len from_ref_len,
                               trygg_ptr to_ref, trygg_len to_ref_len,
                               trygg_ptr response, trygg_len response_len);
/* An outcome's reasons in words: canonical JSON (trygg_explain) or the plain text as a JSON
 * string (trygg_explain_text). locale: a form locale (any other: the form's first);
 * text_packs != 0 uses the engine's loaded text packs. */
int32_t trygg_explain(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len,
                      trygg_ptr response, trygg_len response_len,
                      trygg_ptr locale, trygg_len locale_len, int32_t text_packs);
int32_t trygg_explain_text(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len,
                           trygg_ptr response, trygg_len response_len,
                           trygg_ptr locale, trygg_len locale_len, int32_t text_packs);
/* A programme definition evaluated for one family's input against the engine's forms. */
int32_t trygg_evaluate_programme(trygg_engine engine, trygg_ptr programme, trygg_len programme_len,
                                 trygg_ptr input, trygg_len input_len);

/* FHIR R4 / SDC (present when the module is built with the `fhir` feature, as `make abi`
 * builds it; a host checks for these exports). `questionnaires`: JSON text of an array of
 * Questionnaires the response may name, or (0, 0) for none. */
/* A loaded form version as an SDC Questionnaire. */
int32_t trygg_export_fhir(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len);
/* A Questionnaire imported: {form, mapping, report: {mapped, refused}, formErrors}. */
int32_t trygg_import_fhir(trygg_engine engine, trygg_ptr questionnaire, trygg_len questionnaire_len);
/* A QuestionnaireResponse scored: {outcome, problems, stored}. */
int32_t trygg_evaluate_fhir(trygg_engine engine, trygg_ptr response, trygg_len response_len,
                            trygg_ptr questionnaires, trygg_len questionnaires_len);
/* Its results as a transaction Bundle; an error listing every problem when it has any. */
int32_t trygg_fhir_bundle(trygg_engine engine, trygg_ptr response, trygg_len response_len,
                          trygg_ptr questionnaires, trygg_len questionnaires_len);

/* Sessions: one respondent's live form. A session outlives its engine. */
int32_t trygg_session_new(trygg_engine engine, trygg_ptr form_ref, trygg_len form_ref_len,
                          trygg_ptr init, trygg_len init_len); /* status = handle */
int32_t trygg_session_set(trygg_session session, trygg_ptr item, trygg_len item_len,
                          trygg_ptr value, trygg_len value_len);
int32_t trygg_session_decline(trygg_session session, trygg_ptr item, trygg_len item_len);
int32_t trygg_session_items(trygg_session session, trygg_ptr locale, trygg_len locale_len);
int32_t trygg_session_progress(trygg_session session);
int32_t trygg_session_outcome(trygg_session session);
int32_t trygg_session_response(trygg_session session);
int32_t trygg_session_free(trygg_session session);             /* result: null */

#endif /* TRYGG_H */
