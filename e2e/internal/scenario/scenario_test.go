package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

func TestScenariosInHostsim(t *testing.T) {
	for _, s := range All {
		t.Run(s.Name, func(t *testing.T) {
			if (s.Name == "size-limit" || s.Name == "clone-size-limit") && testing.Short() {
				t.Skip("moves 64 MiB strings through the JS engine")
			}
			dir, err := s.ExtensionDir()
			require.NoError(t, err)
			out, err := RunHostsim(t.Context(), dir, s, browser.Options{Seed: 1})
			require.NoError(t, err)
			require.Len(t, out, len(s.Steps))
			for i, o := range out {
				if o.Step.Action != "" {
					continue
				}
				assert.JSONEq(t, o.Step.Want, o.Got, "step %d in %s: %s", i, o.Step.Realm, o.Step.Expr)
			}
		})
	}
}

func TestRunRejectsUnknownActionsAndRealms(t *testing.T) {
	s := Scenario{Name: "bad", Tabs: []Tab{{Name: "main", Path: "/plain.html"}}, Steps: []Step{{Action: "teleport"}}}
	_, err := RunHostsim(t.Context(), "testdata/ext", s, browser.Options{})
	assert.ErrorContains(t, err, `unknown action "teleport"`)
	s.Steps = []Step{{Realm: "main/frame9/cs", Expr: "1"}}
	_, err = RunHostsim(t.Context(), "testdata/ext", s, browser.Options{})
	assert.ErrorContains(t, err, "no frame 9")
}
