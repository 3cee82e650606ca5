// Package testweb is the web that hostsim's network tests and the shared network scenarios serve
// from Go, one handler for both, so that the scenario's expectations and hostsim's own tests speak
// of the same responses.
package testweb

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Handler is what the test hosts serve: /plain (text with an X-Test header), /cors (the same,
// open to every origin), /echo (the request as JSON, with CORS and preflight answers when
// ?cors is set), /redirect (to /plain) and /missing (404).
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Test", "yes")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "hello")
	})
	mux.HandleFunc("/cors", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("X-Test", "yes")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "hello cors")
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if o := r.Header.Get("Origin"); o != "" && r.URL.Query().Get("cors") != "" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Headers", "x-custom, content-type")
			w.Header().Set("Access-Control-Allow-Methods", "PUT, DELETE")
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"method": r.Method, "host": r.Host, "origin": r.Header.Get("Origin"),
			"custom": r.Header.Get("X-Custom"), "type": r.Header.Get("Content-Type"), "body": string(body)})
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/plain", http.StatusFound) })
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "nope", http.StatusNotFound) })
	return mux
}
