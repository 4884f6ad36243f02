// Command trygg-bench is bench/hosts.sh's Go side: evaluate of each 6–8 w example response
// through trygg.wasm on wazero, and instantiate + every built-in form. One JSON line.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"sort"
	"time"

	trygg "example.invalid/trygg/go"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Form     string          `json:"form"`
			Response json.RawMessage `json:"response"`
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		log.Fatal(err)
	}
	var loads []float64
	for i := 0; i < 5; i++ {
		t := time.Now()
		tr, err := trygg.WithBuiltinForms()
		if err != nil {
			log.Fatal(err)
		}
		loads = append(loads, float64(time.Since(t).Microseconds())/1e3)
		_ = tr.Close()
	}
	sort.Float64s(loads)
	tr, err := trygg.WithBuiltinForms()
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range doc.Cases {
		if _, err := tr.Evaluate(c.Form, string(c.Response)); err != nil {
			log.Fatal(err)
		}
	}
	n := 0
	t0 := time.Now()
	for time.Since(t0) < 2*time.Second {
		for _, c := range doc.Cases {
			_, _ = tr.Evaluate(c.Form, string(c.Response))
		}
		n += len(doc.Cases)
	}
	us := float64(time.Since(t0).Nanoseconds()) / 1e3 / float64(n)
	fmt.Printf("{\"runtime\":\"go\",\"evaluate_us\":%.3f,\"responses\":%d,\"instantiate_ms\":%.3f}\n", us, len(doc.Cases), loads[2])
}
