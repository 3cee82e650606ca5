package extbuild

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/extwasm/extwasm/jsglue"
)

// writeFrameFiles writes the extension frame (extwasm-frame.html and extwasm-frame.js) into an
// extension folder whose manifest declares content scripts: on pages whose CSP blocks WebAssembly,
// the glue runs the content script's Go there. The folder check (hostsim/browser's CheckExtension)
// then reports a frame page that web_accessible_resources does not list.
func writeFrameFiles(folder string, log io.Writer) error {
	data, err := os.ReadFile(filepath.Join(folder, "manifest.json"))
	if err != nil {
		return nil // CheckExtension reports the missing manifest
	}
	var m struct {
		ContentScripts []json.RawMessage `json:"content_scripts"`
	}
	if json.Unmarshal(data, &m) != nil || len(m.ContentScripts) == 0 {
		return nil
	}
	for name, body := range map[string]string{jsglue.FramePageFileName: jsglue.FramePage, jsglue.FrameScriptFileName: jsglue.FrameScript} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "wrote %s and %s (the extension frame for pages whose CSP blocks wasm)\n",
		filepath.Join(filepath.Base(folder), jsglue.FramePageFileName), filepath.Join(filepath.Base(folder), jsglue.FrameScriptFileName))
	return nil
}
