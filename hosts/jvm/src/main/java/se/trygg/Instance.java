package se.trygg;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One instance of trygg.wasm: raw calls with text arguments. Not thread-safe. */
final class Instance {
    static final int ABI_VERSION = 1;

    private static volatile WasmModule module;
    private static volatile Function<com.dylibso.chicory.runtime.Instance, Machine> compiled;

    /** trygg.wasm, parsed once per class loader. */
    static WasmModule module() {
        if (module == null) {
            synchronized (Instance.class) {
                if (module == null) module = Parser.parse(Data.bytes("trygg.wasm"));
            }
        }
        return module;
    }

    /** Chicory's compiler for trygg.wasm (wasm → JVM bytecode), made once per class loader. */
    static Function<com.dylibso.chicory.runtime.Instance, Machine> compiled() {
        if (compiled == null) {
            synchronized (Instance.class) {
                if (compiled == null) compiled = MachineFactoryCompiler.compile(module());
            }
        }
        return compiled;
    }

    /** A raw call's status and result text. */
    record Result(int status, String text) {}

    private final com.dylibso.chicory.runtime.Instance instance;
    private final Memory memory;
    private final ExportFunction alloc;
    private final ExportFunction free;
    private final ExportFunction resultPtr;
    private final ExportFunction resultLen;

    Instance(Trygg.Mode mode) throws TryggException {
        var builder = com.dylibso.chicory.runtime.Instance.builder(module());
        if (mode == Trygg.Mode.COMPILED) builder = builder.withMachineFactory(compiled());
        this.instance = builder.build();
        this.memory = instance.memory();
        this.alloc = instance.export("trygg_alloc");
        this.free = instance.export("trygg_free");
        this.resultPtr = instance.export("trygg_result_ptr");
        this.resultLen = instance.export("trygg_result_len");
        long version = instance.export("trygg_abi_version").apply()[0];
        if (version != ABI_VERSION) {
            throw new TryggException("abi.version_mismatch",
                "trygg.wasm has ABI version " + version + "; this package needs " + ABI_VERSION, null);
        }
    }

    /** Call {@code name} with text (String), handle/flag (Integer) or number (Double) arguments. */
    Result call(String name, Object... args) throws TryggException {
        ExportFunction fn;
        try {
            fn = instance.export(name);
        } catch (RuntimeException e) {
            fn = null;
        }
        if (fn == null) {
            throw new TryggException("abi.missing_export",
                "this trygg.wasm has no export " + name + " (built without the feature that adds it)", null);
        }
        try {
            List<long[]> owned = new ArrayList<>();
            long[] flat = new long[args.length * 2];
            int n = 0;
            for (Object a : args) {
                if (a instanceof String text) {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    long ptr = alloc.apply(bytes.length)[0];
                    if (bytes.length > 0) memory.write((int) ptr, bytes);
                    owned.add(new long[] {ptr, bytes.length});
                    flat[n++] = ptr;
                    flat[n++] = bytes.length;
                } else if (a instanceof Integer v) {
                    flat[n++] = v.longValue() & 0xFFFF_FFFFL;
                } else if (a instanceof Double d) {
                    flat[n++] = Double.doubleToRawLongBits(d);
                } else {
                    throw new IllegalArgumentException("argument of type " + a.getClass());
                }
            }
            long[] params = java.util.Arrays.copyOf(flat, n);
            int status = (int) fn.apply(params)[0];
            int ptr = (int) resultPtr.apply()[0];
            int len = (int) resultLen.apply()[0];
            String text = new String(memory.readBytes(ptr, len), StandardCharsets.UTF_8);
            for (long[] o : owned) free.apply(o[0], o[1]);
            return new Result(status, text);
        } catch (ChicoryException e) {
            throw new TryggException("internal.trap",
                "the module trapped (" + e.getMessage() + "); this instance is dropped and the next call makes a new one", e);
        }
    }

    /** The text of a successful call, or its error as a TryggException. */
    static Result unwrap(Result r) throws TryggException {
        if (r.status() != -1) return r;
        Object parsed = MiniJson.parse(r.text());
        if (!(parsed instanceof Map<?, ?> m)) throw new TryggException("internal.bad_error", r.text(), null);
        List<TryggException.Detail> details = new ArrayList<>();
        if (m.get("errors") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> d) details.add(new TryggException.Detail(str(d, "code"), str(d, "path"), str(d, "message")));
            }
        }
        return thrower(new TryggException(str(m, "code"), str(m, "path"), str(m, "message"), details,
            (String) m.get("type"), (String) m.get("value"), null));
    }

    private static Result thrower(TryggException e) throws TryggException { throw e; }

    private static String str(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s ? s : "";
    }

    /** The package's data files (trygg.wasm, forms/), from the class path. */
    static final class Data {
        private Data() {}

        static byte[] bytes(String name) {
            try (InputStream in = Trygg.class.getResourceAsStream("data/" + name)) {
                if (in == null) throw new IllegalStateException("se/trygg/data/" + name + " is missing from the class path (run make abi)");
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String text(String name) {
            return new String(bytes(name), StandardCharsets.UTF_8);
        }
    }
}
