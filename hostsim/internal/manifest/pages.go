package manifest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
)

// PageFile is a file a manifest key names besides scripts: a page or an icon.
type PageFile struct {
	// Key is the manifest key, with a dotted path ("action.default_popup").
	Key string
	// Path is the file, relative to the extension folder.
	Path string
}

// PageFiles lists the pages and icons dir's manifest names, for a check that they exist; Load
// checks scripts itself. A manifest that cannot be read, or a key of an unexpected type, is left to
// Load to report.
func PageFiles(dir string) []PageFile {
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		return nil
	}
	var raw struct {
		Action *struct {
			DefaultPopup string          `json:"default_popup"`
			DefaultIcon  json.RawMessage `json:"default_icon"`
		} `json:"action"`
		OptionsPage string `json:"options_page"`
		OptionsUI   *struct {
			Page string `json:"page"`
		} `json:"options_ui"`
		SidePanel *struct {
			DefaultPath string `json:"default_path"`
		} `json:"side_panel"`
		DevtoolsPage string            `json:"devtools_page"`
		Icons        map[string]string `json:"icons"`
	}
	_ = json.Unmarshal(stripComments(data), &raw)
	var out []PageFile
	add := func(key, rel string) {
		if rel != "" {
			out = append(out, PageFile{key, rel})
		}
	}
	if raw.Action != nil {
		add("action.default_popup", raw.Action.DefaultPopup)
		var one string
		var sizes map[string]string
		if json.Unmarshal(raw.Action.DefaultIcon, &one) == nil {
			add("action.default_icon", one)
		} else if json.Unmarshal(raw.Action.DefaultIcon, &sizes) == nil {
			for _, k := range sortedKeys(sizes) {
				add("action.default_icon."+k, sizes[k])
			}
		}
	}
	add("options_page", raw.OptionsPage)
	if raw.OptionsUI != nil {
		add("options_ui.page", raw.OptionsUI.Page)
	}
	if raw.SidePanel != nil {
		add("side_panel.default_path", raw.SidePanel.DefaultPath)
	}
	add("devtools_page", raw.DevtoolsPage)
	for _, k := range sortedKeys(raw.Icons) {
		add("icons."+k, raw.Icons[k])
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
