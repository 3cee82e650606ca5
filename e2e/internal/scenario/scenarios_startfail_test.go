package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// An event whose lookup throws (a getter the worker's script puts on chrome.downloads.onCreated
// first; hostsim's own stand-in for it takes listeners, as Chromium does): the glue reports it
// once and Go starts anyway, instead of throwing at the worker's top level and leaving senders
// without an answer.
func TestUnregistrableEventThatThrowsInHostsim(t *testing.T) {
	s := Scenario{Name: "sfevent", Fixture: "sfevent"}
	built, err := s.ExtensionDir()
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "ext")
	require.NoError(t, os.CopyFS(dir, os.DirFS(built)))
	manifest := filepath.Join(dir, "manifest.json")
	m, err := os.ReadFile(manifest)
	require.NoError(t, err)
	granted := strings.Replace(string(m), `"permissions": ["tabs"]`, `"permissions": ["tabs", "downloads"]`, 1)
	require.NotEqual(t, string(m), granted)
	require.NoError(t, os.WriteFile(manifest, []byte(granted), 0o644))
	worker := filepath.Join(dir, "sw.js")
	sw, err := os.ReadFile(worker)
	require.NoError(t, err)
	listed := `Object.defineProperty(chrome.downloads, "onCreated", {get() { throw new Error("the lookup fails"); }});` + "\n" +
		strings.Replace(string(sw), `'contextMenus.onClicked'`, `'downloads.onCreated'`, 1)
	require.NotEqual(t, string(sw), listed)
	require.NoError(t, os.WriteFile(worker, []byte(listed), 0o644))
	s.Tabs = []Tab{{Name: "main", Path: "/plain.html"}}
	s.Steps = []Step{
		{Do: extwasmtest.Eval("worker", `typeof chrome.downloads`), Want: `{"value":"object"}`},
		{Do: extwasmtest.Eval("main/cs", pingEnvelope), Want: pingReply},
		{Do: extwasmtest.Eval("worker", `[extwasm.status(), self.consoleErrors]`), Want: `{"value":["ready",[` +
			`"extwasm: cannot listen to downloads.onCreated: the lookup fails",` +
			`"extwasm: cannot listen to runtime.onMesage: chrome.runtime.onMesage does not exist here (a missing permission or a typo?)"]]}`},
	}
	out, err := RunDir(t.Context(), extwasmtest.Hostsim, dir, s)
	require.NoError(t, err)
	require.Len(t, out, len(s.Steps))
	for i, o := range out {
		assert.JSONEq(t, o.Step.Want, o.Got, "step %d: %v", i, o.Step.Do)
	}
}
