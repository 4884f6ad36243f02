package se.trygg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bench/hosts.sh's JVM side (not a test): evaluate of each 6–8 w example response through
 * trygg.wasm on Chicory, compiled and interpreted, and instantiate + every built-in form.
 * One JSON line per mode.
 */
public final class Bench {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String[]> cases = new ArrayList<>();
        for (JsonNode c : json.readTree(Files.readString(Path.of(args[0]))).get("cases")) {
            cases.add(new String[] {c.get("form").asText(), json.writeValueAsString(c.get("response"))});
        }
        for (Trygg.Mode mode : Trygg.Mode.values()) {
            int loadsN = mode == Trygg.Mode.COMPILED ? 5 : 3;
            double[] loads = new double[loadsN];
            for (int i = 0; i < loadsN; i++) {
                long t = System.nanoTime();
                Trygg.withBuiltinForms(mode).close();
                loads[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(loads);
            try (Trygg t = Trygg.withBuiltinForms(mode)) {
                for (int w = 0; w < (mode == Trygg.Mode.COMPILED ? 50 : 2); w++) {
                    for (String[] c : cases) t.evaluate(c[0], c[1]);
                }
                long n = 0;
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 3_000_000_000L) {
                    for (String[] c : cases) t.evaluate(c[0], c[1]);
                    n += cases.size();
                }
                double us = (System.nanoTime() - t0) / 1e3 / n;
                String rt = mode == Trygg.Mode.COMPILED ? "jvm" : "jvm-interpreter";
                System.out.printf("{\"runtime\":\"%s\",\"evaluate_us\":%.3f,\"responses\":%d,\"instantiate_ms\":%.3f}%n",
                    rt, us, cases.size(), loads[loadsN / 2]);
            }
        }
    }
}
