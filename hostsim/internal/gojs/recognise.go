package gojs

import "strings"

// IsWasmExecImport reports whether src, the source text of a JavaScript function, is the
// embedded wasm_exec.js's own implementation of the gojs import name. A native implementation
// may stand in for a function only when this holds: any other glue keeps its own behaviour.
func IsWasmExecImport(name, src string) bool {
	return strings.HasPrefix(src, "(sp) =>") && strings.Contains(embeddedWasmExec, "\n\t\t\t\t\t\""+name+"\": "+src+",\n")
}

// IsWasmExecMethod reports whether src is the source text of the embedded wasm_exec.js's method
// name of its Go class (run, _resume, _makeFuncWrapper).
func IsWasmExecMethod(name, src string) bool {
	return strings.HasPrefix(strings.TrimPrefix(src, "async "), name+"(") && strings.Contains(embeddedWasmExec, "\n\t\t"+src+"\n")
}
