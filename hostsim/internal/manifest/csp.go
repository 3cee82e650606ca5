package manifest

import (
	"fmt"
	"strings"
)

// CSP is content_security_policy.extension_pages.
type CSP struct {
	// ExtensionPages is the policy as written; "" when absent.
	ExtensionPages string
	// Present is false when the manifest gives no extension_pages policy.
	Present bool
}

// DefaultExtensionPagesScriptSrc is the script-src directive that governs
// wasm when the manifest gives no policy. Chromium 156 refused wasm there,
// so the simulator treats the default as lacking 'wasm-unsafe-eval'.
const DefaultExtensionPagesScriptSrc = "script-src 'self'"

// wasmCSPErrorFormat is V8's CompileError message when CSP forbids wasm, as
// Chromium 156 printed it; the first verb is the WebAssembly method
// ("instantiate", "compile", "instantiateStreaming", ...), the second the
// script-src directive in force.
const wasmCSPErrorFormat = "WebAssembly.%s(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because neither 'wasm-eval' nor 'unsafe-eval' is an allowed source of script in the following Content Security Policy directive: \"%s\"."

// directive returns the named directive ("name src src...") or "".
func (c CSP) directive(name string) string {
	for _, d := range strings.Split(c.ExtensionPages, ";") {
		f := strings.Fields(d)
		if len(f) > 0 && strings.EqualFold(f[0], name) {
			return strings.Join(f, " ")
		}
	}
	return ""
}

// ScriptSrc is the directive that governs scripts and wasm: script-src,
// else default-src, else the default policy's.
func (c CSP) ScriptSrc() string {
	if !c.Present {
		return DefaultExtensionPagesScriptSrc
	}
	if d := c.directive("script-src"); d != "" {
		return d
	}
	if d := c.directive("default-src"); d != "" {
		return d
	}
	return DefaultExtensionPagesScriptSrc
}

// AllowsWasm reports whether extension pages and the service worker may
// compile WebAssembly: the governing directive lists 'wasm-unsafe-eval'
// (or 'unsafe-eval').
func (c CSP) AllowsWasm() bool {
	for _, src := range strings.Fields(c.ScriptSrc())[1:] {
		s := strings.ToLower(src)
		if s == "'wasm-unsafe-eval'" || s == "'unsafe-eval'" {
			return true
		}
	}
	return false
}

// WasmCompileError returns the message of the CompileError V8 throws when
// method (e.g. "instantiate", "instantiateStreaming") compiles wasm under
// this policy, or "" when wasm is allowed. The error's name is
// "CompileError"; Chrome prints it as "CompileError: " + message.
func (c CSP) WasmCompileError(method string) string {
	if c.AllowsWasm() {
		return ""
	}
	return fmt.Sprintf(wasmCSPErrorFormat, method, c.ScriptSrc())
}

// secureScriptSources are the script sources Manifest V3 accepts in
// extension_pages; anything else makes Chrome refuse the extension.
func secureScriptSource(src string) bool {
	s := strings.ToLower(src)
	switch s {
	case "'self'", "'none'", "'wasm-unsafe-eval'", "'inline-speculation-rules'":
		return true
	}
	for _, host := range []string{"http://localhost", "http://127.0.0.1"} {
		if s == host || strings.HasPrefix(s, host+":") {
			return true
		}
	}
	return false
}

func (p *parser) csp(m *Manifest) {
	raw := p.raw["content_security_policy"]
	if raw == nil {
		return
	}
	var v struct {
		ExtensionPages *string `json:"extension_pages"`
		Sandbox        *string `json:"sandbox"`
	}
	if !p.get(raw, "content_security_policy", &v) {
		return
	}
	if v.ExtensionPages == nil {
		return
	}
	m.CSP = CSP{ExtensionPages: *v.ExtensionPages, Present: true}
	const key = "content_security_policy.extension_pages"
	for _, name := range []string{"script-src", "object-src", "worker-src"} {
		d := m.CSP.directive(name)
		if d == "" {
			continue
		}
		for _, src := range strings.Fields(d)[1:] {
			if !secureScriptSource(src) {
				p.fail(key, fmt.Sprintf("'%s': Insecure CSP value \"%s\" in directive '%s'.", key, src, name))
				return
			}
		}
	}
}
