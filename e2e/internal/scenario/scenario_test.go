package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

func TestScenariosInHostsim(t *testing.T) {
	for _, s := range All {
		t.Run(s.Name, func(t *testing.T) {
			if (s.Name == "size-limit" || s.Name == "clone-size-limit") && testing.Short() {
				t.Skip("moves 64 MiB strings through the JS engine")
			}
			out, err := Run(t.Context(), extwasmtest.Hostsim, s)
			require.NoError(t, err)
			require.Len(t, out, len(s.Steps))
			for i, o := range out {
				if extwasmtest.IsAction(o.Step.Do) {
					continue
				}
				assert.JSONEq(t, o.Step.Want, o.Got, "step %d: %s", i, o.Step.Do)
			}
		})
	}
}

func TestRunRejectsUnknownTabsAndRealms(t *testing.T) {
	s := Scenario{Name: "bad", Tabs: []Tab{{Name: "main", Path: "/plain.html"}}, Steps: []Step{{Do: extwasmtest.CloseTab("other")}}}
	_, err := Run(t.Context(), extwasmtest.Hostsim, s)
	assert.ErrorContains(t, err, `no tab named "other"`)
	s.Steps = []Step{{Do: extwasmtest.Eval("main/frame9/cs", "1")}}
	_, err = Run(t.Context(), extwasmtest.Hostsim, s)
	assert.ErrorContains(t, err, "no frame 9")
}
