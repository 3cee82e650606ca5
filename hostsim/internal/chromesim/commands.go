package chromesim

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed commands.js
var commandsSrc string

// executeAction is the command that clicks the toolbar action: every extension with an action has
// it, with no description or shortcut unless the manifest gives them (measured in Chromium 156).
const executeAction = "_execute_action"

func init() {
	// chrome.commands exists only for an extension whose manifest has "commands" (measured).
	registerAPI("commands", commandsSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasManifestKey("commands") },
		func(c *Context, set func(string, any)) {
			set("getAll", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.CommandsGetAllMethod, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[0], c.ext.commands(), "")
			})
		})
}

// command is commands.Command.
type command struct {
	Description string `json:"description"`
	Name        string `json:"name"`
	Shortcut    string `json:"shortcut"`
}

// commands lists the manifest's commands, with _execute_action for an extension with an action,
// sorted by name as Chromium lists them. A command's shortcut is its suggested key for Linux, else
// its default one.
func (e *Extension) commands() []command {
	var m struct {
		Commands map[string]struct {
			Description  string            `json:"description"`
			SuggestedKey map[string]string `json:"suggested_key"`
		} `json:"commands"`
	}
	_ = json.Unmarshal(e.raw, &m)
	out := []command{}
	seen := map[string]bool{}
	for name, c := range m.Commands {
		key := c.SuggestedKey["linux"]
		if key == "" {
			key = c.SuggestedKey["default"]
		}
		out = append(out, command{Description: c.Description, Name: name, Shortcut: key})
		seen[name] = true
	}
	if e.hasManifestKey("action") && !seen[executeAction] {
		out = append(out, command{Name: executeAction})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// PressCommand presses the keyboard shortcut of the extension's command name with tab active:
// _execute_action clicks the toolbar action (ClickAction); any other command fires
// commands.onCommand with the name and the tab, waking the worker.
func (e *Extension) PressCommand(name string, tab *Tab) (*Frame, error) {
	if tab == nil || tab.closed {
		return nil, fmt.Errorf("chrome: press %s: the tab is closed", name)
	}
	known := false
	for _, c := range e.commands() {
		known = known || c.Name == name
	}
	if !known {
		return nil, fmt.Errorf("chrome: %s has no command %q in its manifest", e.name, name)
	}
	if name == executeAction {
		return e.ClickAction(tab)
	}
	e.b.Transcript.add(Entry{Kind: "command", From: "user", To: e.name, Outcome: name})
	e.fireEvent("commands.onCommand", []any{name, tab.infoFor(e)}, nil, true)
	return nil, nil
}
