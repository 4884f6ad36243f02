package se.trygg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The package around the vectors: the module it ships, errors, traps and recovery. */
class TryggTest {
    @Test
    void shipsMakeAbisModuleWhichImportsNothing() throws Exception {
        byte[] wasm = Instance.Data.bytes("trygg.wasm");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));
        assertEquals(Files.readString(VectorsTest.REPO.resolve("target/abi/trygg.wasm.sha256")).trim(), sha);
        assertEquals(0, Instance.module().importSection().importCount());
    }

    interface Call { void run(Trygg t) throws TryggException; }

    record Bad(Call call, String code, String path) {}

    @Test
    void badInputGivesTheNativeCodeAndPath() throws TryggException {
        List<Bad> cases = List.of(
            new Bad(t -> t.canonicalJson("{\"a\": [1, 2,"), "json.invalid", ""),
            new Bad(t -> t.evaluateLogic("{\"and\":[true,{\"nope\":1}]}", "null"), "logic.unknown_operator", "/and/1/nope"),
            new Bad(t -> t.evaluate("phq-9@9.9.9", "{}"), "registry.unknown_form", ""),
            new Bad(t -> t.evaluate("phq-9", "{\"answers\":"), "response.not_json", ""),
            new Bad(t -> t.session("phq-9", "").set("nope", "true"), "answer.unknown_item", "/answers/nope"));
        try (Trygg t = Trygg.withBuiltinForms()) {
            for (Bad b : cases) {
                TryggException e = assertThrows(TryggException.class, () -> b.call().run(t));
                assertEquals(b.code(), e.code());
                assertEquals(b.path(), e.path());
                assertEquals(b.code(), e.errors().get(0).code());
                assertTrue(e.getMessage().startsWith(b.code() + ": "), e.getMessage());
            }
            TryggException form = assertThrows(TryggException.class, () -> t.loadForm("{\"id\":\"x\"}"));
            assertEquals("form.invalid", form.code());
            assertFalse(form.errors().isEmpty());
            TryggException nan = assertThrows(TryggException.class, () -> t.evaluateLogic("{\"/\":[1,0]}", "{}"));
            assertEquals("NaN", nan.type().orElseThrow());
            assertEquals("{\"type\":\"NaN\"}", nan.value().orElseThrow());
        }
    }

    /** An engine with one built-in form (the interpreter loads the whole set slowly). */
    static Trygg phq9(Trygg.Mode mode) throws TryggException {
        Trygg t = Trygg.create(mode);
        t.loadForm(Instance.Data.text("forms/phq-9/1.0.0.json"));
        return t;
    }

    @ParameterizedTest
    @EnumSource(Trygg.Mode.class)
    void aTrapPoisonsOnlyThatInstanceAndThePackageRecovers(Trygg.Mode mode) throws TryggException {
        String response = "{\"answers\":{\"phq9_1\":\"2\"}}";
        try (Trygg other = phq9(mode); Trygg t = phq9(mode)) {
            Session session = t.session("phq-9", "");
            String before = t.evaluate("phq-9", response);
            // A pointer past the end of memory: the module reads out of bounds and traps.
            TryggException trap = assertThrows(TryggException.class, () -> t.call("trygg_canonical_json", 0xFFFF_FF00, 1000));
            assertEquals("internal.trap", trap.code());
            assertInstanceOf(ChicoryException.class, trap.getCause());
            assertEquals(before, t.evaluate("phq-9", response));
            assertEquals("internal.poisoned", assertThrows(TryggException.class, session::outcome).code());
            assertEquals(before, other.evaluate("phq-9", response));
        }
    }

    @Test
    void interpreterAndCompilerGiveTheSameBytes() throws TryggException {
        String response = "{\"answers\":{\"phq9_1\":\"2\",\"phq9_9\":\"1\"}}";
        try (Trygg a = phq9(Trygg.Mode.INTERPRETER); Trygg b = phq9(Trygg.Mode.COMPILED)) {
            assertEquals(a.evaluate("phq-9", response), b.evaluate("phq-9", response));
            assertEquals(a.forms(), b.forms());
        }
    }
}
